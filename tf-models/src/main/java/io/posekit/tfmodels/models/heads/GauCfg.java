package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Param;

/** {@code gau_cfg} of MMPose's {@code RTMCCHead}: the {@code RTMCCBlock}'s widths and options. */
public record GauCfg(
    @Param(defaultValue = "256") int hiddenDims,
    @Param(defaultValue = "128") int s,
    @Param(defaultValue = "2") double expansionFactor,
    @Param(defaultValue = "0.0") double dropoutRate,
    @Param(defaultValue = "0.0") double dropPath,
    @Param(defaultValue = "'ReLU'") String actFn,
    @Param(defaultValue = "False") boolean useRelBias,
    @Param(defaultValue = "False") boolean posEnc) {}
