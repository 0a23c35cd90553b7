package io.posekit.runtime.engine.optim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer's {@code state_dict} in PyTorch's layout: {@code state} by parameter index (the
 * parameters numbered in param-group order) with {@code step} and the buffers
 * ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}; and
 * {@code grad_accum} mid-accumulation, which PyTorch keeps in {@code p.grad}), and
 * {@code param_groups}: each group's hyper-parameters and the indices of its parameters.
 */
public record OptimizerState(Map<Integer, ParamState> state, List<Group> paramGroups) {
  /** One entry of {@code param_groups}: {@code lr}, {@code initial_lr}, ... and {@code params}. */
  public record Group(Map<String, Double> options, List<Integer> params) {
    public Group {
      options = Map.copyOf(options);
      params = List.copyOf(params);
    }
  }

  public OptimizerState {
    state = new TreeMap<>(state);
    paramGroups = List.copyOf(paramGroups);
  }
}
