package io.posekit.runtime.engine.optim;

import java.util.Map;

/**
 * The per-parameter optimizer state a model's graph keeps (its {@code GraphOptimizer}'s slots and
 * step), by parameter name, in PyTorch layout; what an {@link Optimizer}'s {@code state_dict}
 * reads and writes.
 */
public interface OptimizerSlots {
  Map<String, ParamState> read();

  /** Replaces the whole state: every parameter's buffers and one step count shared by all. */
  void write(Map<String, ParamState> state);
}
