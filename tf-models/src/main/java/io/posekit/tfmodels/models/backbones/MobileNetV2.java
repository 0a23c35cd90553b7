package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.InvertedResidual;
import io.posekit.tfmodels.models.layers.MakeDivisible;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code MobileNetV2}: a stride-2 3x3 {@code conv1}, seven stages {@code layer1..7} of
 * {@link InvertedResidual}s (expand ratio, channels, blocks, stride per MMPose's
 * {@code arch_settings}, channels times {@code widen_factor} made divisible by 8) and a 1x1
 * {@code conv2} to 1280 channels (more when widened past 1); outputs 0..7 are the stages and conv2.
 */
@RegisterModule(registry = Registries.MODELS)
public final class MobileNetV2 implements Backbone {
  private static final int[][] ARCH = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
      {6, 160, 3, 2}, {6, 320, 1, 1}};

  private final int[] outIndices;
  private final int frozenStages;
  private final boolean normEval;
  private final ConvModule conv1;
  /** layer1..layer7, then conv2. */
  private final List<Layer> layers = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public MobileNetV2(
      @Param(defaultValue = "1.0") double widenFactor,
      @Param(defaultValue = "(7,)") int[] outIndices,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "None") @Nullable Object convCfg,
      @Param(defaultValue = "dict(type='BN')") Object normCfg,
      @Param(defaultValue = "dict(type='ReLU6')") Object actCfg,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "False") boolean withCp,
      @Param(defaultValue = "[dict(type='Kaiming', layer=['Conv2d']), dict(type='Constant', val=1, layer=['_BatchNorm', 'GroupNorm'])]")
          @Nullable Object initCfg) {
    Stages.checkOutIndices(outIndices, 0, 8);
    Stages.checkFrozenStages(frozenStages, 8);
    ConvModule.checkConvCfg(convCfg, "MobileNetV2.conv_cfg");
    NormCfg norm = NormCfg.parse(normCfg, "MobileNetV2.norm_cfg");
    ActCfg act = ActCfg.parse(actCfg, "MobileNetV2.act_cfg");
    this.initCfg = InitCfg.parse(initCfg, "MobileNetV2.init_cfg");
    this.outIndices = outIndices.clone();
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    int in = MakeDivisible.of(32 * widenFactor, 8);
    this.conv1 = ConvModule.builder(3, in, 3).stride(2).padding(1).norm(norm).act(act).build();
    for (int[] stage : ARCH) {
      int out = MakeDivisible.of(stage[1] * widenFactor, 8);
      List<Layer> blocks = new ArrayList<>();
      for (int b = 0; b < stage[2]; b++) {
        int mid = (int) Math.round(in * (double) stage[0]);
        blocks.add(new InvertedResidual(in, out, mid, 3, mid, b == 0 ? stage[3] : 1, null, stage[0] != 1, norm, act,
            InvertedResidual.Names.SEQUENTIAL));
        in = out;
      }
      layers.add(new Sequential(blocks));
    }
    int outChannel = widenFactor > 1.0 ? (int) (1280 * widenFactor) : 1280;
    layers.add(ConvModule.builder(in, outChannel, 1).norm(norm).act(act).build());
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    GraphContext c = ctx.withNormEval(normEval);
    Operand<TFloat32> y = conv1.apply(c.withFrozen(frozenStages >= 0).child("conv1"), x);
    return Stages.run(y, layers,
        i -> c.withFrozen(i + 1 <= frozenStages).child(i < ARCH.length ? "layer" + (i + 1) : "conv2"), outIndices);
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
