package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.AvgPool2d;
import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.MaxPool2d;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.weights.InitCfg;
import io.posekit.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** MMPose's {@code ResNet} backbone (depths 18, 34, 50, 101, 152), without the classifier. */
@RegisterModule(registry = Registries.MODELS)
public class ResNet implements Backbone {
  /** Where a bottleneck puts its stride: PyTorch's 3x3 or Caffe's first 1x1. */
  public enum Style {
    @ConfigValue("pytorch")
    PYTORCH,
    @ConfigValue("caffe")
    CAFFE
  }

  /** One bottleneck of a stage, from the arguments ResNet's {@code ResLayer} gives it: what SEResNet and ResNeXt change. */
  @FunctionalInterface
  protected interface BottleneckFactory {
    Layer make(int in, int out, int stride, int dilation, Style style, Layer downsample, boolean zeroInitResidual);
  }

  private final int depth;
  private final int[] outIndices;
  private final boolean deepStem;
  private final int frozenStages;
  private final boolean normEval;
  private final Layer stem;
  private final MaxPool2d maxpool = new MaxPool2d(3, 2, 1);
  private final List<Sequential> layers = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public ResNet(
      int depth,
      @Param(defaultValue = "3") int inChannels,
      @Param(defaultValue = "64") int stemChannels,
      @Param(defaultValue = "64") int baseChannels,
      @Param(defaultValue = "4") int numStages,
      @Param(defaultValue = "(1, 2, 2, 2)") int[] strides,
      @Param(defaultValue = "(1, 1, 1, 1)") int[] dilations,
      @Param(defaultValue = "(3,)") int[] outIndices,
      @Param(defaultValue = "'pytorch'") Style style,
      @Param(defaultValue = "False") boolean deepStem,
      @Param(defaultValue = "False") boolean avgDown,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "True") boolean zeroInitResidual,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this(depth, inChannels, stemChannels, baseChannels, numStages, strides, dilations, outIndices, style, deepStem,
        avgDown, frozenStages, normEval, zeroInitResidual, initCfg, null);
  }

  /** A ResNet whose bottlenecks {@code bottlenecks} makes (depths 50, 101, 152 only); null: MMPose's ResNet blocks. */
  protected ResNet(int depth, int inChannels, int stemChannels, int baseChannels, int numStages, int[] strides,
      int[] dilations, int[] outIndices, Style style, boolean deepStem, boolean avgDown, int frozenStages,
      boolean normEval, boolean zeroInitResidual, @Nullable Object initCfg, @Nullable BottleneckFactory bottlenecks) {
    this.initCfg = InitCfg.parse(initCfg, getClass().getSimpleName() + ".init_cfg");
    if (bottlenecks != null && depth < 50) {
      throw new IllegalArgumentException("invalid depth " + depth + " for " + getClass().getSimpleName());
    }
    int[] blocks = switch (depth) {
      case 18 -> new int[] {2, 2, 2, 2};
      case 34, 50 -> new int[] {3, 4, 6, 3};
      case 101 -> new int[] {3, 4, 23, 3};
      case 152 -> new int[] {3, 8, 36, 3};
      // ResNeSt's deeper settings
      case 200 -> new int[] {3, 24, 36, 3};
      case 269 -> new int[] {3, 30, 48, 8};
      default -> throw new IllegalArgumentException("invalid depth " + depth + " for resnet");
    };
    if (depth > 152 && !(this instanceof ResNeSt)) {
      throw new IllegalArgumentException("invalid depth " + depth + " for " + getClass().getSimpleName());
    }
    if (numStages < 1 || numStages > 4 || strides.length != numStages || dilations.length != numStages) {
      throw new IllegalArgumentException("num_stages must be 1..4 with as many strides and dilations");
    }
    for (int i : outIndices) {
      if (i < 0 || i >= numStages) {
        throw new IllegalArgumentException("out_indices " + i + " outside 0.." + (numStages - 1));
      }
    }
    boolean bottleneck = depth >= 50;
    int expansion = bottleneck ? Bottleneck.EXPANSION : BasicBlock.EXPANSION;
    this.depth = depth;
    this.outIndices = outIndices.clone();
    this.deepStem = deepStem;
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    if (deepStem) {
      int half = stemChannels / 2;
      // three ConvModules, as MMPose builds the deep stem: stem.<i>.conv, stem.<i>.bn
      this.stem = Sequential.of(
          ConvModule.builder(inChannels, half, 3).stride(2).padding(1).norm(NormCfg.bn()).build(),
          ConvModule.builder(half, half, 3).padding(1).norm(NormCfg.bn()).build(),
          ConvModule.builder(half, stemChannels, 3).padding(1).norm(NormCfg.bn()).build());
    } else {
      this.stem = new StemConv(inChannels, stemChannels);
    }
    int in = stemChannels;
    for (int i = 0; i < numStages; i++) {
      int out = baseChannels * (1 << i) * expansion;
      List<Layer> layer = new ArrayList<>();
      for (int b = 0; b < blocks[i]; b++) {
        int stride = b == 0 ? strides[i] : 1;
        Layer downsample = null;
        if (b == 0 && (stride != 1 || in != out)) {
          downsample = avgDown && stride != 1
              ? Sequential.of(new AvgPool2d(stride), Conv2d.noBias(in, out, 1, 1, 0), new BatchNorm2d(out))
              : Sequential.of(Conv2d.noBias(in, out, 1, stride, 0), new BatchNorm2d(out));
        }
        layer.add(bottlenecks != null
            ? bottlenecks.make(in, out, stride, dilations[i], style, downsample, zeroInitResidual)
            : bottleneck
            ? new Bottleneck(in, out, stride, dilations[i], style, downsample, zeroInitResidual)
            : new BasicBlock(in, out, stride, dilations[i], downsample, zeroInitResidual));
        in = out;
      }
      layers.add(new Sequential(layer));
    }
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    GraphContext c = ctx.withNormEval(normEval);
    Operand<TFloat32> y = deepStem
        ? stem.apply(c.withFrozen(frozenStages >= 0).child("stem"), x)
        : stem.apply(c.withFrozen(frozenStages >= 0), x);
    y = maxpool.apply(c, y);
    List<Operand<TFloat32>> outs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      y = layers.get(i).apply(c.withFrozen(i + 1 <= frozenStages).child("layer" + (i + 1)), y);
      for (int o : outIndices) {
        if (o == i) {
          outs.add(y);
        }
      }
    }
    return outs;
  }

  @Override
  public long parameterCount() {
    return stem.parameterCount() + layers.stream().mapToLong(Layer::parameterCount).sum();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  public int depth() {
    return depth;
  }

  /** The plain stem: {@code conv1} 7x7/2 + {@code bn1} + ReLU, named as MMPose names it. */
  private static final class StemConv implements Layer {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;

    StemConv(int in, int out) {
      this.conv1 = Conv2d.noBias(in, out, 7, 2, 3);
      this.bn1 = new BatchNorm2d(out);
    }

    @Override
    public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
      return ctx.tf().nn.relu(ConvBn.apply(conv1, ctx.child("conv1"), bn1, ctx.child("bn1"), x));
    }

    @Override
    public long parameterCount() {
      return conv1.parameterCount() + bn1.parameterCount();
    }
  }
}
