package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;

/** One entry of {@code paramwise_cfg.custom_keys}: multipliers for parameters whose name contains the key. */
public record CustomKeyCfg(
    @Param(defaultValue = "1.0") double lrMult, @Param(defaultValue = "1.0") double decayMult) {}
