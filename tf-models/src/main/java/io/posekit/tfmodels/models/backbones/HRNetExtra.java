package io.posekit.tfmodels.models.backbones;

/** HRNet's {@code extra}: the four stage dicts of an MMPose config. */
public record HRNetExtra(HRNetStage stage1, HRNetStage stage2, HRNetStage stage3, HRNetStage stage4) {}
