package io.posekit.runtime.engine.optim;

import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.TrainStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training iteration of a model that trains in its TensorFlow graph, as the
 * {@link OptimWrapper} drives it: run with what the wrapper feeds (each group's lr and weight
 * decay, the loss factor, whether to step) and the loss scale.
 */
@FunctionalInterface
public interface GraphIteration {
  Outcome run(GraphOptimizer.StepFeed feed, double lossScale);

  /**
   * The loss terms by name (every key containing {@code loss} is summed into the total, as
   * MMEngine's {@code parse_losses}; other keys such as {@code acc_pose} are only logged), whether
   * the update was applied, and the gradient norm before clipping (NaN when not clipped).
   */
  record Outcome(Map<String, Double> losses, boolean applied, double gradNorm) {
    /** A graph's step whose one loss is {@code lossName}. */
    public static Outcome of(String lossName, TrainStep.Result result) {
      Map<String, Double> losses = new LinkedHashMap<>();
      losses.put(lossName, (double) result.loss());
      return new Outcome(losses, result.applied(), result.gradNorm());
    }
  }
}
