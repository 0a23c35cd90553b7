package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.runtime.engine.Runner;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code RuntimeInfoHook}: publishes counters, the learning rate and the training log
 * vars to the message hub, where {@link LoggerHook} and {@link IterTimerHook} read them.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class RuntimeInfoHook implements Hook {
  public RuntimeInfoHook() {}

  @Override
  public Priority priority() {
    return Priority.VERY_HIGH;
  }

  @Override
  public void beforeTrain(Runner runner) {
    runner.messageHub().updateInfo("max_epochs", runner.maxEpochs());
    runner.messageHub().updateInfo("max_iters", runner.maxIters());
  }

  @Override
  public void beforeTrainEpoch(Runner runner) {
    runner.messageHub().updateInfo("epoch", runner.epoch());
  }

  @Override
  public void beforeTrainIter(Runner runner, int batchIdx, Object batch) {
    runner.messageHub().updateInfo("iter", runner.iter());
    List<Double> lr = runner.optimWrapper().getLr();
    runner.messageHub().updateScalar("train/lr", lr.get(0));
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    outputs.forEach((k, v) -> runner.messageHub().updateScalar("train/" + k, v));
  }

  @Override
  public void afterValEpoch(Runner runner, Map<String, Double> metrics) {
    metrics.forEach((k, v) -> runner.messageHub().updateScalar("val/" + k, v));
  }

  @Override
  public void afterTestEpoch(Runner runner, Map<String, Double> metrics) {
    metrics.forEach((k, v) -> runner.messageHub().updateScalar("test/" + k, v));
  }
}
