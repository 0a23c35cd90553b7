package io.posekit.runtime.engine.loops;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.TrainLoop;
import io.posekit.runtime.engine.model.DataSource;
import java.util.Map;

/**
 * MMEngine's {@code IterBasedTrainLoop}: {@code max_iters} iterations over the train data cycled
 * endlessly (the sampler's epoch advances at each wrap, as MMEngine's infinite iterator does),
 * validating after iteration {@code i} when {@code i >= val_begin} and
 * ({@code i % val_interval == 0} or it is the last). Resuming continues at the saved iteration's
 * batch, as MMEngine skips the consumed batches.
 */
@RegisterModule(registry = Registries.LOOPS)
public final class IterBasedTrainLoop implements TrainLoop {
  private final Runner runner;
  private final int maxIters;
  private final int valBegin;
  private final int valInterval;
  private int iter;

  public IterBasedTrainLoop(
      @Provided("runner") Runner runner,
      int maxIters,
      @Param(defaultValue = "1") int valBegin,
      @Param(defaultValue = "1000") int valInterval) {
    if (maxIters <= 0 || valInterval <= 0) {
      throw new IllegalArgumentException(
          "train_cfg: max_iters and val_interval must be > 0, got " + maxIters + " and " + valInterval);
    }
    this.runner = runner;
    this.maxIters = maxIters;
    this.valBegin = valBegin;
    this.valInterval = valInterval;
  }

  @Override
  public void run() {
    runner.callHook(h -> h.beforeTrain(runner));
    runner.callHook(h -> h.beforeTrainEpoch(runner));
    DataSource<Object> data = runner.trainData();
    int pass = -1;
    while (iter < maxIters) {
      runner.model().setTraining(true);
      int idx = iter % data.length();
      if (iter / data.length() != pass) {
        pass = iter / data.length();
        data.setEpoch(pass);
      }
      int batchIdx = iter;
      // MMEngine's order: the batch is fetched first, so IterTimerHook's data_time is the wait for it
      Object batch = data.batch(idx);
      runner.callHook(h -> h.beforeTrainIter(runner, batchIdx, batch));
      Map<String, Double> outputs = runner.model().trainStep(batch, runner.optimWrapper());
      runner.callHook(h -> h.afterTrainIter(runner, batchIdx, batch, outputs));
      iter++;
      if (runner.valLoop() != null && iter >= valBegin && (iter % valInterval == 0 || iter == maxIters)) {
        runner.valLoop().run();
      }
    }
    runner.callHook(h -> h.afterTrainEpoch(runner));
    runner.callHook(h -> h.afterTrain(runner));
  }

  @Override
  public int epoch() {
    return 0;
  }

  @Override
  public int iter() {
    return iter;
  }

  @Override
  public int maxEpochs() {
    return 1;
  }

  @Override
  public int maxIters() {
    return maxIters;
  }

  @Override
  public void restoreCounters(int epoch, int iter) {
    this.iter = iter;
  }
}
