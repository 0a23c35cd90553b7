package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.SELayer;

/** MMPose's {@code SEResNet} (depths 50, 101, 152): ResNet whose bottlenecks end in an {@link SELayer} of {@code se_ratio}. */
@RegisterModule(registry = Registries.MODELS)
public final class SEResNet extends ResNet {
  public SEResNet(
      int depth,
      @Param(defaultValue = "16") int seRatio,
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
    super(depth, inChannels, stemChannels, baseChannels, numStages, strides, dilations, outIndices, style, deepStem,
        avgDown, frozenStages, normEval, zeroInitResidual, initCfg,
        (in, out, stride, dilation, st, downsample, zeroInit) -> new Bottleneck(in, out, out / Bottleneck.EXPANSION, 1,
            stride, dilation, st, downsample, zeroInit, new SELayer(out, seRatio)));
  }
}
