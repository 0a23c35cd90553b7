package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ConvModule;
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
 * MMPose's {@code ShuffleNetV2}: a stride-2 3x3 {@code conv1} to 24 channels, a max pool, three
 * stages of 4, 8, 4 {@link ShuffleV2Block}s ({@code layers.0..2}) and a 1x1 ConvModule
 * ({@code layers.3}); stage widths by {@code widen_factor} 0.5, 1, 1.5 or 2.
 *
 * <p>Initialisation: the configs load pretrained weights; without them MMPose also redraws every
 * convolution but {@code conv1} with std {@code 1 / in_channels_per_group}, which is not repeated
 * here (the default {@code init_cfg} is).
 */
@RegisterModule(registry = Registries.MODELS)
public final class ShuffleNetV2 implements Backbone {
  private static final int[] STAGE_BLOCKS = {4, 8, 4};

  private final int[] outIndices;
  private final int frozenStages;
  private final boolean normEval;
  private final ConvModule conv1;
  private final MaxPool2d maxpool = new MaxPool2d(3, 2, 1);
  private final List<Layer> layers = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public ShuffleNetV2(
      @Param(defaultValue = "1.0") double widenFactor,
      @Param(defaultValue = "(3,)") int[] outIndices,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "None") @Nullable Object convCfg,
      @Param(defaultValue = "dict(type='BN')") Object normCfg,
      @Param(defaultValue = "dict(type='ReLU')") Object actCfg,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "False") boolean withCp,
      @Param(defaultValue = "[dict(type='Normal', std=0.01, layer=['Conv2d']), dict(type='Constant', val=1, bias=0.0001, layer=['_BatchNorm', 'GroupNorm'])]")
          @Nullable Object initCfg) {
    Stages.checkOutIndices(outIndices, 0, 4);
    Stages.checkFrozenStages(frozenStages, 4);
    int[] channels;
    if (widenFactor == 0.5) {
      channels = new int[] {48, 96, 192, 1024};
    } else if (widenFactor == 1.0) {
      channels = new int[] {116, 232, 464, 1024};
    } else if (widenFactor == 1.5) {
      channels = new int[] {176, 352, 704, 1024};
    } else if (widenFactor == 2.0) {
      channels = new int[] {244, 488, 976, 2048};
    } else {
      throw new IllegalArgumentException("widen_factor must be in [0.5, 1.0, 1.5, 2.0]. But received " + widenFactor);
    }
    ConvModule.checkConvCfg(convCfg, "ShuffleNetV2.conv_cfg");
    NormCfg norm = NormCfg.parse(normCfg, "ShuffleNetV2.norm_cfg");
    ActCfg act = ActCfg.parse(actCfg, "ShuffleNetV2.act_cfg");
    this.initCfg = InitCfg.parse(initCfg, "ShuffleNetV2.init_cfg");
    this.outIndices = outIndices.clone();
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    int in = 24;
    this.conv1 = ConvModule.builder(3, in, 3).stride(2).padding(1).norm(norm).act(act).build();
    for (int i = 0; i < STAGE_BLOCKS.length; i++) {
      List<Layer> blocks = new ArrayList<>();
      for (int b = 0; b < STAGE_BLOCKS[i]; b++) {
        blocks.add(new ShuffleV2Block(in, channels[i], b == 0 ? 2 : 1, norm, act));
        in = channels[i];
      }
      layers.add(new Sequential(blocks));
    }
    layers.add(ConvModule.builder(in, channels[3], 1).norm(norm).act(act).build());
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
