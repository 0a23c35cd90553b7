package io.posekit.runtime.engine.model;

import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code Evaluator}: takes the predictions and batches of a validation or test pass and
 * returns metrics by prefixed name ({@code coco/AP}).
 *
 * @param <B> the batch type
 */
public interface Evaluator<B> {
  /** Adds the predictions of one batch. */
  void process(B batch, List<?> predictions);

  /** Metrics of everything processed since the last call; resets the evaluator. */
  Map<String, Double> evaluate(int size);
}
