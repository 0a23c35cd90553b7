package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;

/**
 * One stage of HRNet's {@code extra}, as MMPose configs write it:
 * {@code dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(4, 4), num_channels=(32, 64))}.
 * {@code multiscale_output} unset means True, except for stage 4 where MMPose defaults to False.
 */
public record HRNetStage(
    int numModules,
    int numBranches,
    Block block,
    int[] numBlocks,
    int[] numChannels,
    @Param(defaultValue = "None") @Nullable Boolean multiscaleOutput) {

  /** HRNet's residual unit names. */
  public enum Block {
    @ConfigValue("BASIC")
    BASIC,
    @ConfigValue("BOTTLENECK")
    BOTTLENECK;

    int expansion() {
      return this == BASIC ? BasicBlock.EXPANSION : Bottleneck.EXPANSION;
    }
  }

  public HRNetStage {
    if (numBlocks.length != numBranches || numChannels.length != numBranches) {
      throw new IllegalArgumentException("num_blocks and num_channels need num_branches=" + numBranches + " values");
    }
    numBlocks = numBlocks.clone();
    numChannels = numChannels.clone();
  }
}
