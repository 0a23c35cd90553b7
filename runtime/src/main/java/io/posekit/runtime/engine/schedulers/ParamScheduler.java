package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;
import java.util.List;
import java.util.Map;

/**
 * A parameter scheduler (MMEngine's {@code _ParamScheduler}); base type of
 * {@code PARAM_SCHEDULERS}. The runtime provides {@code optimizer} (the wrapped optimizer) and
 * {@code epoch_length} ({@code len(train_dataloader)}, used by {@code convert_to_iter_based}).
 */
@DeclareRegistry(Registries.PARAM_SCHEDULERS)
public interface ParamScheduler {
  /** Advances one epoch or iteration (see {@link #byEpoch()}) and updates the optimizer. */
  void step();

  /** Stepped after each epoch when true, after each iteration when false (after conversion). */
  boolean byEpoch();

  /** The value of every param group after the last step ({@code get_last_value}). */
  List<Double> lastValue();

  /** JSON-friendly state (numbers, lists) for checkpoints. */
  Map<String, Object> stateDict();

  void loadStateDict(Map<String, Object> state);
}
