package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/**
 * MMPose's {@code ResNeXt} (depths 50, 101, 152): ResNet whose bottleneck 3x3 convolution has
 * {@code groups} groups of {@code width_per_group} channels per {@code base_channels} of the
 * plain bottleneck's middle ({@code mid = groups * width_per_group * (out / 4) / base_channels}).
 */
@RegisterModule(registry = Registries.MODELS)
public final class ResNeXt extends ResNet {
  public ResNeXt(
      int depth,
      @Param(defaultValue = "32") int groups,
      @Param(defaultValue = "4") int widthPerGroup,
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
        (in, out, stride, dilation, st, downsample, zeroInit) -> {
          int mid = out / Bottleneck.EXPANSION;
          if (groups != 1) {
            if (mid % baseChannels != 0) {
              throw new IllegalArgumentException("ResNeXt: mid channels " + mid + " not divisible by base_channels "
                  + baseChannels);
            }
            mid = groups * widthPerGroup * mid / baseChannels;
          }
          return new Bottleneck(in, out, mid, groups, stride, dilation, st, downsample, zeroInit, null);
        });
  }
}
