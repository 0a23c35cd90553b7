package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.InvertedResidual;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.models.layers.SELayer;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code MobileNetV3} ({@code arch} small or big): a stride-2 3x3 HSwish {@code conv1} to
 * 16 channels, then one {@link InvertedResidual} per row of MMPose's {@code arch_settings}
 * ({@code layer1..}: kernel, mid channels, out channels, squeeze-excitation, activation, stride).
 * Negative {@code out_indices} count from the last layer.
 */
@RegisterModule(registry = Registries.MODELS)
public final class MobileNetV3 implements Backbone {
  /** MMPose's two settings. */
  public enum Arch {
    @ConfigValue("small")
    SMALL,
    @ConfigValue("big")
    BIG
  }

  /** {kernel, mid, out, se (1/0), activation (1 HSwish, 0 ReLU), stride} per layer. */
  private static final Map<Arch, int[][]> SETTINGS = Map.of(
      Arch.SMALL, new int[][] {{3, 16, 16, 1, 0, 2}, {3, 72, 24, 0, 0, 2}, {3, 88, 24, 0, 0, 1}, {5, 96, 40, 1, 1, 2},
          {5, 240, 40, 1, 1, 1}, {5, 240, 40, 1, 1, 1}, {5, 120, 48, 1, 1, 1}, {5, 144, 48, 1, 1, 1},
          {5, 288, 96, 1, 1, 2}, {5, 576, 96, 1, 1, 1}, {5, 576, 96, 1, 1, 1}},
      Arch.BIG, new int[][] {{3, 16, 16, 0, 0, 1}, {3, 64, 24, 0, 0, 2}, {3, 72, 24, 0, 0, 1}, {5, 72, 40, 1, 0, 2},
          {5, 120, 40, 1, 0, 1}, {5, 120, 40, 1, 0, 1}, {3, 240, 80, 0, 1, 2}, {3, 200, 80, 0, 1, 1},
          {3, 184, 80, 0, 1, 1}, {3, 184, 80, 0, 1, 1}, {3, 480, 112, 1, 1, 1}, {3, 672, 112, 1, 1, 1},
          {5, 672, 160, 1, 1, 1}, {5, 672, 160, 1, 1, 2}, {5, 960, 160, 1, 1, 1}});

  private final int[] outIndices;
  private final int frozenStages;
  private final boolean normEval;
  private final ConvModule conv1;
  private final List<Layer> layers = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public MobileNetV3(
      @Param(defaultValue = "'small'") Arch arch,
      @Param(defaultValue = "None") @Nullable Object convCfg,
      @Param(defaultValue = "dict(type='BN')") Object normCfg,
      @Param(defaultValue = "(-1,)") int[] outIndices,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "False") boolean withCp,
      @Param(defaultValue = "[dict(type='Kaiming', layer=['Conv2d']), dict(type='Constant', val=1, layer=['_BatchNorm'])]")
          @Nullable Object initCfg) {
    int[][] settings = SETTINGS.get(arch);
    int n = settings.length;
    Stages.checkOutIndices(outIndices, -n, n);
    Stages.checkFrozenStages(frozenStages, n);
    ConvModule.checkConvCfg(convCfg, "MobileNetV3.conv_cfg");
    NormCfg norm = NormCfg.parse(normCfg, "MobileNetV3.norm_cfg");
    this.initCfg = InitCfg.parse(initCfg, "MobileNetV3.init_cfg");
    this.outIndices = outIndices.clone();
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    int in = 16;
    this.conv1 = ConvModule.builder(3, in, 3).stride(2).padding(1).norm(norm).act(ActCfg.of("HSwish")).build();
    for (int[] s : settings) {
      ActCfg act = ActCfg.of(s[4] == 1 ? "HSwish" : "ReLU");
      layers.add(new InvertedResidual(in, s[2], s[1], s[0], s[1], s[5], s[3] == 1 ? mobileSe(s[1]) : null, true, norm,
          act, InvertedResidual.Names.NAMED));
      in = s[2];
    }
  }

  /** The mobile networks' squeeze-excitation: ratio 4, ReLU then HSigmoid(bias=1, divisor=2). */
  static SELayer mobileSe(int channels) {
    return new SELayer(channels, 4, ActCfg.of("ReLU"),
        ActCfg.parse(Map.of("type", "HSigmoid", "bias", 1.0, "divisor", 2.0), "se_cfg.act_cfg"));
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    GraphContext c = ctx.withNormEval(normEval);
    Operand<TFloat32> y = conv1.apply(c.withFrozen(frozenStages >= 0).child("conv1"), x);
    return Stages.run(y, layers, i -> c.withFrozen(i + 1 <= frozenStages).child("layer" + (i + 1)), outIndices);
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
