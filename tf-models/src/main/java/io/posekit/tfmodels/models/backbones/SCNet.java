package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** MMPose's {@code SCNet} (depths 50, 101): ResNet of {@link SCBottleneck}s. */
@RegisterModule(registry = Registries.MODELS)
public final class SCNet extends ResNet {
  public SCNet(
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
    super(checkDepth(depth), inChannels, stemChannels, baseChannels, numStages, strides, dilations, outIndices, style,
        deepStem, avgDown, frozenStages, normEval, zeroInitResidual, initCfg,
        (in, out, stride, dilation, st, downsample, zeroInit) -> new SCBottleneck(in, out, stride, downsample, zeroInit));
  }

  private static int checkDepth(int depth) {
    if (depth != 50 && depth != 101) {
      throw new IllegalArgumentException("invalid depth " + depth + " for SCNet");
    }
    return depth;
  }
}
