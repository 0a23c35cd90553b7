package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMDetection's {@code CSPNeXt}, which RTMPose's configs build with {@code _scope_='mmdet'}: the
 * same network and arguments as MMPose's ({@link CSPNeXt}, which MMPose copied from it),
 * registered in the {@code mmdet} scope, where MMEngine looks it up.
 */
@RegisterModule(registry = Registries.MODELS, name = "CSPNeXt", scope = "mmdet")
public final class MmdetCSPNeXt implements Backbone {
  private final CSPNeXt network;

  public MmdetCSPNeXt(
      @Param(defaultValue = "'P5'") CSPNeXt.Arch arch,
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
    this.network = new CSPNeXt(arch, deepenFactor, widenFactor, outIndices, frozenStages, useDepthwise, expandRatio,
        archOvewrite, sppKernelSizes, channelAttention, convCfg, normCfg, actCfg, normEval, initCfg);
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    return network.apply(ctx, x);
  }

  @Override
  public long parameterCount() {
    return network.parameterCount();
  }

  @Override
  public List<InitCfg> initCfg() {
    return network.initCfg();
  }
}
