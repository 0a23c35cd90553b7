package io.posekit.runtime.engine;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code Hook}: the engine calls every registered hook, in priority order, at these
 * points. All methods do nothing by default; {@link #priority()} is the hook's class priority
 * (a {@code priority} given at registration overrides it).
 */
@DeclareRegistry(Registries.HOOKS)
public interface Hook {
  default Priority priority() {
    return Priority.NORMAL;
  }

  default void beforeRun(Runner runner) {}

  default void afterRun(Runner runner) {}

  default void beforeTrain(Runner runner) {}

  default void afterTrain(Runner runner) {}

  default void beforeVal(Runner runner) {}

  default void afterVal(Runner runner) {}

  default void beforeTest(Runner runner) {}

  default void afterTest(Runner runner) {}

  default void beforeSaveCheckpoint(Runner runner, Checkpoint checkpoint) {}

  default void afterLoadCheckpoint(Runner runner, Checkpoint checkpoint) {}

  default void beforeTrainEpoch(Runner runner) {}

  default void afterTrainEpoch(Runner runner) {}

  default void beforeValEpoch(Runner runner) {}

  default void afterValEpoch(Runner runner, Map<String, Double> metrics) {}

  default void beforeTestEpoch(Runner runner) {}

  default void afterTestEpoch(Runner runner, Map<String, Double> metrics) {}

  default void beforeTrainIter(Runner runner, int batchIdx, Object batch) {}

  default void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {}

  default void beforeValIter(Runner runner, int batchIdx, Object batch) {}

  default void afterValIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {}

  default void beforeTestIter(Runner runner, int batchIdx, Object batch) {}

  default void afterTestIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {}
}
