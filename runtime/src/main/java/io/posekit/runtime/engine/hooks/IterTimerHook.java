package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code IterTimerHook}: {@code data_time} (waiting for the batch) and {@code time}
 * (the whole iteration) per iteration, and the training {@code eta} from the mean iteration time.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class IterTimerHook implements Hook {
  private long last;
  private int startIter;

  public IterTimerHook() {}

  private void reset(Runner runner) {
    last = System.nanoTime();
  }

  @Override
  public void beforeTrain(Runner runner) {
    startIter = runner.iter();
  }

  @Override
  public void beforeTrainEpoch(Runner runner) {
    reset(runner);
  }

  @Override
  public void beforeValEpoch(Runner runner) {
    reset(runner);
  }

  @Override
  public void beforeTestEpoch(Runner runner) {
    reset(runner);
  }

  private void dataTime(Runner runner, String mode) {
    runner.messageHub().updateScalar(mode + "/data_time", (System.nanoTime() - last) / 1e9);
  }

  private void iterTime(Runner runner, String mode) {
    long now = System.nanoTime();
    runner.messageHub().updateScalar(mode + "/time", (now - last) / 1e9);
    last = now;
  }

  @Override
  public void beforeTrainIter(Runner runner, int batchIdx, Object batch) {
    dataTime(runner, "train");
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    iterTime(runner, "train");
    // Mean over the iterations of this run (a resumed run does not count the earlier ones).
    double mean = runner.messageHub().getScalar("train/time").mean(runner.iter() + 1 - startIter);
    runner.messageHub().updateInfo("eta", mean * (runner.maxIters() - runner.iter() - 1));
  }

  @Override
  public void beforeValIter(Runner runner, int batchIdx, Object batch) {
    dataTime(runner, "val");
  }

  @Override
  public void afterValIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    iterTime(runner, "val");
  }

  @Override
  public void beforeTestIter(Runner runner, int batchIdx, Object batch) {
    dataTime(runner, "test");
  }

  @Override
  public void afterTestIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    iterTime(runner, "test");
  }
}
