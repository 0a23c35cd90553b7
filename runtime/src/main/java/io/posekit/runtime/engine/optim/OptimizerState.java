package io.posekit.runtime.engine.optim;

import java.util.List;
import java.util.Map;

/**
 * An optimizer's {@code state_dict}: the hyper-parameters of every group (current {@code lr},
 * {@code initial_lr}, ...) in group order, and the per-parameter state by parameter name.
 */
public record OptimizerState(List<Map<String, Double>> paramGroups, Map<String, ParamState> state) {
  public OptimizerState {
    paramGroups = paramGroups.stream().map(Map::copyOf).toList();
    state = Map.copyOf(state);
  }
}
