package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.MakeDivisible;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.MaxPool2d;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code ShuffleNetV1}: a stride-2 3x3 {@code conv1}, a max pool and three stages
 * ({@code layers.0..2}) of 4, 8, 4 {@link ShuffleV1Unit}s, the first of each concatenating at
 * stride 2; stage widths by {@code groups} (1, 2, 3, 4, 8) times {@code widen_factor}.
 *
 * <p>Initialisation: the configs load pretrained weights; without them MMPose also redraws every
 * convolution but {@code conv1} with std {@code 1 / in_channels_per_group}, which is not repeated
 * here (the default {@code init_cfg} is).
 */
@RegisterModule(registry = Registries.MODELS)
public final class ShuffleNetV1 implements Backbone {
  private static final int[] STAGE_BLOCKS = {4, 8, 4};

  private final int[] outIndices;
  private final int frozenStages;
  private final boolean normEval;
  private final ConvModule conv1;
  private final MaxPool2d maxpool = new MaxPool2d(3, 2, 1);
  private final List<Layer> layers = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public ShuffleNetV1(
      @Param(defaultValue = "3") int groups,
      @Param(defaultValue = "1.0") double widenFactor,
      @Param(defaultValue = "(2,)") int[] outIndices,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "None") @Nullable Object convCfg,
      @Param(defaultValue = "dict(type='BN')") Object normCfg,
      @Param(defaultValue = "dict(type='ReLU')") Object actCfg,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "False") boolean withCp,
      @Param(defaultValue = "[dict(type='Normal', std=0.01, layer=['Conv2d']), dict(type='Constant', val=1, bias=0.0001, layer=['_BatchNorm', 'GroupNorm'])]")
          @Nullable Object initCfg) {
    Stages.checkOutIndices(outIndices, 0, 3);
    Stages.checkFrozenStages(frozenStages, 3);
    int[] channels = switch (groups) {
      case 1 -> new int[] {144, 288, 576};
      case 2 -> new int[] {200, 400, 800};
      case 3 -> new int[] {240, 480, 960};
      case 4 -> new int[] {272, 544, 1088};
      case 8 -> new int[] {384, 768, 1536};
      default -> throw new IllegalArgumentException(groups + " groups is not supported for 1x1 Grouped Convolutions");
    };
    ConvModule.checkConvCfg(convCfg, "ShuffleNetV1.conv_cfg");
    NormCfg norm = NormCfg.parse(normCfg, "ShuffleNetV1.norm_cfg");
    ActCfg act = ActCfg.parse(actCfg, "ShuffleNetV1.act_cfg");
    this.initCfg = InitCfg.parse(initCfg, "ShuffleNetV1.init_cfg");
    this.outIndices = outIndices.clone();
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    int in = (int) (24 * widenFactor);
    this.conv1 = ConvModule.builder(3, in, 3).stride(2).padding(1).norm(norm).act(act).build();
    for (int i = 0; i < STAGE_BLOCKS.length; i++) {
      int out = MakeDivisible.of(channels[i] * widenFactor, 8);
      List<Layer> blocks = new ArrayList<>();
      for (int b = 0; b < STAGE_BLOCKS[i]; b++) {
        blocks.add(new ShuffleV1Unit(in, out, groups, i == 0 && b == 0, b == 0, norm, act));
        in = out;
      }
      layers.add(new Sequential(blocks));
    }
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    GraphContext c = ctx.withNormEval(normEval);
    Operand<TFloat32> y = conv1.apply(c.withFrozen(frozenStages >= 0).child("conv1"), x);
    y = maxpool.apply(c, y);
    return Stages.run(y, layers, i -> c.withFrozen(i < frozenStages).child("layers").child(i), outIndices);
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + layers.stream().mapToLong(Layer::parameterCount).sum();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }
}
