package io.posekit.runtime.engine.model;

import io.posekit.runtime.engine.optim.OptimWrapper;
import java.util.List;
import java.util.Map;

/**
 * What the engine needs of a model (MMEngine's {@code BaseModel}). The TensorFlow estimators
 * implement it: parameters are exposed as flat float arrays the optimizers update in place, and a
 * backward pass adds gradients into {@link Parameter#grad()}.
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

  /**
   * Whether buffer {@code name} is optimizer state kept with the model (a model that trains in its
   * own graph keeps its optimizer's slots there): weights-only loading ({@code load_from}, test)
   * neither needs nor uses it, since the optimizer may differ from the one that wrote the checkpoint.
   */
  default boolean isOptimizerState(String name) {
    return false;
  }

  /** Switches training behaviour (dropout, BatchNorm statistics) on or off. */
  void setTraining(boolean training);

  /**
   * Forward and backward on one batch: returns the loss terms by name (every key containing
   * {@code loss} is summed into the total, as MMEngine's {@code parse_losses}; other keys such as
   * {@code acc_pose} are only logged) and adds {@code lossScale} times the gradient of the total
   * loss into each {@link Parameter#grad()}. Adding, not overwriting, is what makes
   * {@code accumulative_counts} work.
   */
  Map<String, Double> forwardBackward(B batch, double lossScale);

  /** Predictions for one batch in evaluation mode; handed to the {@link Evaluator}. */
  List<?> predict(B batch);

  /** MMEngine's {@code train_step}: one optimisation step through the wrapper; returns log vars. */
  default Map<String, Double> trainStep(B batch, OptimWrapper optimWrapper) {
    return optimWrapper.updateParams(this, batch);
  }

  /** MMEngine's {@code val_step}. */
  default List<?> valStep(B batch) {
    return predict(batch);
  }

  /** MMEngine's {@code test_step}. */
  default List<?> testStep(B batch) {
    return predict(batch);
  }
}
