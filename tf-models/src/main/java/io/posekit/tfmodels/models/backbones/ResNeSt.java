package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/**
 * MMPose's {@code ResNeSt} (depths 50, 101, 152, 200, 269): ResNetV1d (deep stem, average-pool
 * shortcuts) of {@link ResNeStBottleneck}s.
 */
@RegisterModule(registry = Registries.MODELS)
public final class ResNeSt extends ResNet {
  public ResNeSt(
      int depth,
      @Param(defaultValue = "1") int groups,
      @Param(defaultValue = "4") int widthPerGroup,
      @Param(defaultValue = "2") int radix,
      @Param(defaultValue = "4") int reductionFactor,
      @Param(defaultValue = "True") boolean avgDownStride,
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
    super(depth, inChannels, stemChannels, baseChannels, numStages, strides, dilations, outIndices, style, true, true,
        frozenStages, normEval, zeroInitResidual, initCfg,
        (in, out, stride, dilation, st, downsample, zeroInit) -> new ResNeStBottleneck(in, out, stride, dilation, st,
            downsample, zeroInit, groups, widthPerGroup, baseChannels, radix, reductionFactor, avgDownStride));
  }
}
