package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import java.util.Map;

/**
 * {@code paramwise_cfg} of MMPose's {@code LayerDecayOptimWrapperConstructor} (ViTPose):
 * {@code num_layers} transformer layers and the per-layer {@code layer_decay_rate}.
 * {@code custom_keys} is accepted as the configs write it and, as in MMPose, not used.
 */
public record LayerDecayParamwiseCfg(
    int numLayers,
    double layerDecayRate,
    @Param(defaultValue = "dict()") Map<String, Object> customKeys) {
  public LayerDecayParamwiseCfg {
    customKeys = Map.copyOf(customKeys);
  }
}
