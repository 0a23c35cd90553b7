package io.posekit.runtime.engine.model;

import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Parameter;
import java.util.List;
import java.util.Map;

/**
 * What the engine needs of a model (MMEngine's {@code BaseModel}). Models train in their
 * TensorFlow graph (forward, backward and the optimizer's step in one session call, see
 * {@link OptimWrapper#updateParams}); parameters are exposed as flat float arrays for
 * checkpoints and hooks.
 *
 * @param <B> the batch type its data source yields
 */
public interface TrainableModel<B> {
  /** Every trainable parameter, in a fixed order, with unique names. */
  List<Parameter> parameters();

  /**
   * Non-trainable state saved with the model (BatchNorm running statistics, ...), by name. The
   * arrays are live: {@code EMAHook} with {@code update_buffers=True} and checkpoint loading write
   * into them.
   */
  Map<String, float[]> buffers();

  /** Switches training behaviour (dropout, BatchNorm statistics) on or off. */
  void setTraining(boolean training);

  /** Predictions for one batch in evaluation mode; handed to the {@link Evaluator}. */
  List<?> predict(B batch);

  /**
   * MMEngine's {@code train_step}: one iteration through the wrapper (its
   * {@link OptimWrapper#updateParams} around the model's graph, which the model built for
   * {@link OptimWrapper#graphSpec()}); returns the log vars.
   */
  Map<String, Double> trainStep(B batch, OptimWrapper optimWrapper);

  /** MMEngine's {@code val_step}. */
  default List<?> valStep(B batch) {
    return predict(batch);
  }

  /** MMEngine's {@code test_step}. */
  default List<?> testStep(B batch) {
    return predict(batch);
  }
}
