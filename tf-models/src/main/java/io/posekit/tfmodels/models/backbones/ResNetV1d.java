package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.annotations.Nullable;

/** ResNet-D (MMPose's {@code ResNetV1d}): ResNet with the 3x3 deep stem and avg-pool shortcuts. */
@RegisterModule(registry = Registries.MODELS)
public final class ResNetV1d extends ResNet {
  public ResNetV1d(
      int depth,
      @Param(defaultValue = "3") int inChannels,
      @Param(defaultValue = "64") int stemChannels,
      @Param(defaultValue = "64") int baseChannels,
      @Param(defaultValue = "4") int numStages,
      @Param(defaultValue = "(1, 2, 2, 2)") int[] strides,
      @Param(defaultValue = "(1, 1, 1, 1)") int[] dilations,
      @Param(defaultValue = "(3,)") int[] outIndices,
      @Param(defaultValue = "'pytorch'") Style style,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "False") boolean normEval,
      @Param(defaultValue = "True") boolean zeroInitResidual,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    super(depth, inChannels, stemChannels, baseChannels, numStages, strides, dilations, outIndices, style,
        true, true, frozenStages, normEval, zeroInitResidual, initCfg);
  }
}
