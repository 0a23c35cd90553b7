package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.InvertedResidual;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code ViPNAS_MobileNetV3}: the searched MobileNetV3 of ViPNAS. A {@code conv1} of
 * {@code wid[0]} channels, kernel {@code ks[0]}, stride {@code stride[0]}, activation
 * {@code act[0]}; then per stage i >= 1 {@code dep[i]} {@link InvertedResidual}s
 * ({@code layer1..} numbered through) of {@code wid[i]} channels, mid {@code wid[i] * expan[i]}
 * (no expansion conv when {@code expan[i]} is 1), kernel {@code ks[i]}, {@code group[i]} groups,
 * squeeze-excitation when {@code att[i]}; one output, the last layer's. {@code expan}, {@code dep},
 * {@code group} and {@code att} left None take MMPose's default lists.
 */
@RegisterModule(registry = Registries.MODELS)
public final class ViPNAS_MobileNetV3 implements Backbone {
  private final int frozenStages;
  private final boolean normEval;
  private final ConvModule conv1;
  private final List<Layer> layers = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public ViPNAS_MobileNetV3(
      @Param(defaultValue = "[16, 16, 24, 40, 80, 112, 160]") int[] wid,
      @Param(defaultValue = "None") @Nullable Object expan,
      @Param(defaultValue = "None") @Nullable Object dep,
      @Param(defaultValue = "[3, 3, 7, 7, 5, 7, 5]") int[] ks,
      @Param(defaultValue = "None") @Nullable Object group,
      @Param(defaultValue = "None") @Nullable Object att,
      @Param(defaultValue = "[2, 1, 2, 2, 2, 1, 2]") int[] stride,
      @Param(defaultValue = "['HSwish', 'ReLU', 'ReLU', 'ReLU', 'HSwish', 'HSwish', 'HSwish']") String[] act,
      @Param(defaultValue = "None") @Nullable Object convCfg,
      @Param(defaultValue = "dict(type='BN')") Object normCfg,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "False") boolean withCp,
      @Param(defaultValue = "[dict(type='Normal', std=0.001, layer=['Conv2d']), dict(type='Constant', val=1, layer=['_BatchNorm', 'GroupNorm'])]")
          @Nullable Object initCfg) {
    // expan, dep, group, att: lists whose first entry (the stem's) is None; a registration default
    // cannot hold None inside a list, so None here stands for MMPose's default list
    List<?> expans = stageList(expan == null ? Arrays.asList(null, 1, 5, 4, 5, 5, 6) : expan, "expan", wid.length);
    List<?> deps = stageList(dep == null ? Arrays.asList(null, 1, 4, 4, 4, 4, 4) : dep, "dep", wid.length);
    List<?> groups = stageList(group == null ? Arrays.asList(null, 8, 120, 20, 100, 280, 240) : group, "group",
        wid.length);
    List<?> atts = stageList(att == null ? Arrays.asList(null, true, true, false, true, true, true) : att, "att",
        wid.length);
    ConvModule.checkConvCfg(convCfg, "ViPNAS_MobileNetV3.conv_cfg");
    NormCfg norm = NormCfg.parse(normCfg, "ViPNAS_MobileNetV3.norm_cfg");
    this.initCfg = InitCfg.parse(initCfg, "ViPNAS_MobileNetV3.init_cfg");
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    this.conv1 = ConvModule.builder(3, wid[0], ks[0]).stride(stride[0]).padding(ks[0] / 2).norm(norm)
        .act(ActCfg.of(act[0])).build();
    for (int i = 1; i < wid.length; i++) {
      int expansion = number(expans.get(i), "expan", i);
      int mid = wid[i] * expansion;
      for (int j = 0; j < number(deps.get(i), "dep", i); j++) {
        layers.add(new InvertedResidual(j == 0 ? wid[i - 1] : wid[i], wid[i], mid, ks[i], number(groups.get(i), "group", i),
            j == 0 ? stride[i] : 1, Boolean.TRUE.equals(atts.get(i)) ? MobileNetV3.mobileSe(mid) : null, expansion != 1,
            norm, ActCfg.of(act[i]), InvertedResidual.Names.NAMED));
      }
    }
  }

  private static List<?> stageList(Object value, String key, int stages) {
    List<?> list = value instanceof io.posekit.spi.Tuple t ? t.asList() : value instanceof List<?> l ? l : null;
    if (list == null || list.size() != stages) {
      throw new IllegalArgumentException("ViPNAS_MobileNetV3." + key + ": expected a list of " + stages
          + " entries (one per wid), got " + value);
    }
    return list;
  }

  private static int number(Object value, String key, int stage) {
    if (!(value instanceof Number n) || value instanceof Boolean) {
      throw new IllegalArgumentException("ViPNAS_MobileNetV3." + key + "[" + stage + "]: expected an int, got " + value);
    }
    return n.intValue();
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    GraphContext c = ctx.withNormEval(normEval);
    Operand<TFloat32> y = conv1.apply(c.withFrozen(frozenStages >= 0).child("conv1"), x);
    return Stages.run(y, layers, i -> c.withFrozen(i + 1 <= frozenStages).child("layer" + (i + 1)),
        new int[] {layers.size() - 1});
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
