package io.posekit.runtime.engine.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optimizer state of one parameter (PyTorch's {@code optimizer.state[p]}): a step count and
 * named buffers ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq}, {@code grad_accum}) the same length as the parameter.
 */
public record ParamState(long step, Map<String, float[]> buffers) {
  public ParamState {
    Map<String, float[]> copy = new LinkedHashMap<>();
    buffers.forEach((k, v) -> copy.put(k, v.clone()));
    buffers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Per-parameter states from a graph's slots named {@code <param>.<slot>} (a slot's name has no dot)
   * and its one step count.
   */
  public static Map<String, ParamState> fromSlots(Map<String, float[]> slots, long step) {
    Map<String, Map<String, float[]>> byParam = new LinkedHashMap<>();
    slots.forEach((key, values) -> {
      int dot = key.lastIndexOf('.');
      byParam.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(key.substring(dot + 1), values);
    });
    Map<String, ParamState> out = new LinkedHashMap<>();
    byParam.forEach((param, buffers) -> out.put(param, new ParamState(step, buffers)));
    return out;
  }

  /** The inverse of {@link #fromSlots}: the slots by {@code <param>.<slot>}. */
  public static Map<String, float[]> toSlots(Map<String, ParamState> state) {
    Map<String, float[]> out = new LinkedHashMap<>();
    state.forEach((param, s) -> s.buffers().forEach((slot, values) -> out.put(param + "." + slot, values.clone())));
    return out;
  }

  /** The step count every parameter shares (the graph keeps one); an error when they differ. */
  public static long commonStep(Map<String, ParamState> state) {
    long[] steps = state.values().stream().mapToLong(ParamState::step).distinct().toArray();
    if (steps.length > 1) {
      throw new IllegalArgumentException("optimizer state has different step counts per parameter " + java.util.Arrays.toString(steps)
          + "; a graph optimizer keeps one");
    }
    return steps.length == 0 ? 0 : steps[0];
  }
}
