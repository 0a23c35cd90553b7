package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * {@code paramwise_cfg} of MMEngine's {@code DefaultOptimWrapperConstructor}: multipliers of the
 * base lr and weight decay by parameter kind, and {@code custom_keys} by name substring;
 * {@code bypass_duplicate} drops a parameter met a second time instead of failing.
 */
public record ParamwiseCfg(
    @Param(defaultValue = "None") @Nullable Double biasLrMult,
    @Param(defaultValue = "None") @Nullable Double biasDecayMult,
    @Param(defaultValue = "None") @Nullable Double normDecayMult,
    @Param(defaultValue = "None") @Nullable Double dwconvDecayMult,
    @Param(defaultValue = "None") @Nullable Double flatDecayMult,
    @Param(defaultValue = "dict()") Map<String, CustomKeyCfg> customKeys,
    @Param(defaultValue = "False") boolean bypassDuplicate) {
  public ParamwiseCfg {
    customKeys = Map.copyOf(customKeys);
  }
}
