package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.CSPLayer;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.DepthwiseSeparableConvModule;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.models.layers.SPPBottleneck;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * RTMDet's and RTMPose's {@code CSPNeXt} (MMPose's, the same as MMDetection's): a three-conv
 * stem ({@code stem}), then per stage a stride-2 conv, an SPP bottleneck on the last stage and a
 * {@link CSPLayer} of CSPNeXt blocks with channel attention ({@code stage1..}), widths times
 * {@code widen_factor}, depths times {@code deepen_factor}; outputs the stem (index 0) and stages
 * named by {@code out_indices}. {@code frozen_stages} freezes the stem and the first stages,
 * {@code norm_eval} keeps BN in eval mode.
 */
@RegisterModule(registry = Registries.MODELS)
public final class CSPNeXt implements Backbone {
  /** MMPose's {@code arch}: the stage table. */
  public enum Arch {
    @ConfigValue("P5")
    P5,
    @ConfigValue("P6")
    P6
  }

  // in, out, blocks, add_identity, use_spp
  private static final int[][] P5 = {{64, 128, 3, 1, 0}, {128, 256, 6, 1, 0}, {256, 512, 6, 1, 0}, {512, 1024, 3, 0, 1}};
  private static final int[][] P6 = {{64, 128, 3, 1, 0}, {128, 256, 6, 1, 0}, {256, 512, 6, 1, 0}, {512, 768, 3, 1, 0},
      {768, 1024, 3, 0, 1}};

  private final List<Layer> layers = new ArrayList<>();
  private final int[] outIndices;
  private final int frozenStages;
  private final boolean normEval;
  private final List<InitCfg> initCfg;

  public CSPNeXt(
      @Param(defaultValue = "'P5'") Arch arch,
      @Param(defaultValue = "1.0") double deepenFactor,
      @Param(defaultValue = "1.0") double widenFactor,
      @Param(defaultValue = "(2, 3, 4)") int[] outIndices,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "False") boolean useDepthwise,
      @Param(defaultValue = "0.5") double expandRatio,
      @Param(defaultValue = "None") @Nullable Object archOvewrite,
      @Param(defaultValue = "(5, 9, 13)") int[] sppKernelSizes,
      @Param(defaultValue = "True") boolean channelAttention,
      @Param(defaultValue = "None") @Nullable Object convCfg,
      @Param(defaultValue = "dict(type='BN', momentum=0.03, eps=0.001)") Object normCfg,
      @Param(defaultValue = "dict(type='SiLU')") @Nullable Object actCfg,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "dict(type='Kaiming', layer='Conv2d', a=2.23606797749979, distribution='uniform',"
          + " mode='fan_in', nonlinearity='leaky_relu')") @Nullable Object initCfg) {
    String where = "CSPNeXt";
    this.initCfg = InitCfg.parse(initCfg, where + ".init_cfg");
    ConvModule.checkConvCfg(convCfg, where + ".conv_cfg");
    NormCfg norm = NormCfg.parse(normCfg, where + ".norm_cfg");
    ActCfg act = ActCfg.parse(actCfg, where + ".act_cfg");
    int[][] setting = archOvewrite != null ? stages(archOvewrite, where + ".arch_ovewrite") : arch == Arch.P5 ? P5 : P6;
    for (int i : outIndices) {
      if (i < 0 || i > setting.length) {
        throw new IllegalArgumentException(where + ".out_indices: " + i + " outside 0.." + setting.length);
      }
    }
    if (frozenStages < -1 || frozenStages > setting.length) {
      throw new IllegalArgumentException(where + ".frozen_stages must be in range(-1, " + (setting.length + 1) + "), got "
          + frozenStages);
    }
    this.outIndices = outIndices.clone();
    this.frozenStages = frozenStages;
    this.normEval = normEval;
    // int(c * widen_factor // 2): Python floors the float quotient
    int stemHalf = (int) Math.floor(setting[0][0] * widenFactor / 2);
    int stemOut = (int) (setting[0][0] * widenFactor);
    layers.add(Sequential.of(
        ConvModule.builder(3, stemHalf, 3).padding(1).stride(2).norm(norm).act(act).build(),
        ConvModule.builder(stemHalf, stemHalf, 3).padding(1).norm(norm).act(act).build(),
        ConvModule.builder(stemHalf, stemOut, 3).padding(1).norm(norm).act(act).build()));
    for (int[] s : setting) {
      int in = (int) (s[0] * widenFactor);
      int out = (int) (s[1] * widenFactor);
      int blocks = Math.max((int) Math.rint(s[2] * deepenFactor), 1);
      List<Layer> stage = new ArrayList<>();
      stage.add(useDepthwise
          ? new DepthwiseSeparableConvModule(in, out, 3, 2, 1, norm, act)
          : ConvModule.builder(in, out, 3).stride(2).padding(1).norm(norm).act(act).build());
      if (s[4] != 0) {
        stage.add(new SPPBottleneck(out, out, sppKernelSizes, norm, act));
      }
      stage.add(new CSPLayer(out, out, expandRatio, blocks, s[3] != 0, useDepthwise, true, channelAttention, norm, act));
      layers.add(new Sequential(stage));
    }
  }

  /** {@code arch_ovewrite}: a list of [in, out, num_blocks, add_identity, use_spp] per stage. */
  private static int[][] stages(Object value, String where) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(where + ": expected a list of stages, got " + value);
    }
    int[][] out = new int[list.size()][5];
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof List<?> stage) || stage.size() != 5) {
        throw new IllegalArgumentException(where + "[" + i + "]: expected [in, out, num_blocks, add_identity, use_spp], got "
            + list.get(i));
      }
      for (int j = 0; j < 5; j++) {
        Object v = stage.get(j);
        if (v instanceof Boolean b) {
          out[i][j] = b ? 1 : 0;
        } else if (v instanceof Number n) {
          out[i][j] = n.intValue();
        } else {
          throw new IllegalArgumentException(where + "[" + i + "][" + j + "]: expected a number or bool, got " + v);
        }
      }
    }
    return out;
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    GraphContext c = ctx.withNormEval(normEval);
    List<Operand<TFloat32>> outs = new ArrayList<>();
    Operand<TFloat32> y = x;
    for (int i = 0; i < layers.size(); i++) {
      y = layers.get(i).apply(c.withFrozen(i <= frozenStages).child(i == 0 ? "stem" : "stage" + i), y);
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
    return layers.stream().mapToLong(Layer::parameterCount).sum();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }
}
