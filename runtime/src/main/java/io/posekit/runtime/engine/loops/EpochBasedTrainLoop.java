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
 * MMEngine's {@code EpochBasedTrainLoop}: {@code max_epochs} passes over the train data, validating
 * after epoch {@code e} when {@code e >= val_begin} and ({@code e % val_interval == 0} or it is
 * the last epoch).
 */
@RegisterModule(registry = Registries.LOOPS)
public final class EpochBasedTrainLoop implements TrainLoop {
  private final Runner runner;
  private final int maxEpochs;
  private final int valBegin;
  private final int valInterval;
  private int epoch;
  private int iter;

  public EpochBasedTrainLoop(
      @Provided("runner") Runner runner,
      int maxEpochs,
      @Param(defaultValue = "1") int valBegin,
      @Param(defaultValue = "1") int valInterval) {
    if (maxEpochs <= 0 || valInterval <= 0) {
      throw new IllegalArgumentException(
          "train_cfg: max_epochs and val_interval must be > 0, got " + maxEpochs + " and " + valInterval);
    }
    this.runner = runner;
    this.maxEpochs = maxEpochs;
    this.valBegin = valBegin;
    this.valInterval = valInterval;
  }

  @Override
  public void run() {
    runner.callHook(h -> h.beforeTrain(runner));
    while (epoch < maxEpochs) {
      runEpoch();
      if (runner.valLoop() != null && epoch >= valBegin && (epoch % valInterval == 0 || epoch == maxEpochs)) {
        runner.valLoop().run();
      }
    }
    runner.callHook(h -> h.afterTrain(runner));
  }

  private void runEpoch() {
    runner.callHook(h -> h.beforeTrainEpoch(runner));
    runner.model().setTraining(true);
    DataSource<Object> data = runner.trainData();
    for (int idx = 0; idx < data.length(); idx++) {
      int batchIdx = idx;
      // MMEngine's order: the batch is fetched first, so IterTimerHook's data_time is the wait for it
      Object batch = data.batch(idx);
      runner.callHook(h -> h.beforeTrainIter(runner, batchIdx, batch));
      Map<String, Double> outputs = runner.model().trainStep(batch, runner.optimWrapper());
      runner.callHook(h -> h.afterTrainIter(runner, batchIdx, batch, outputs));
      iter++;
    }
    runner.callHook(h -> h.afterTrainEpoch(runner));
    epoch++;
  }

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public int iter() {
    return iter;
  }

  @Override
  public int maxEpochs() {
    return maxEpochs;
  }

  @Override
  public int maxIters() {
    return maxEpochs * runner.trainData().length();
  }

  @Override
  public void restoreCounters(int epoch, int iter) {
    this.epoch = epoch;
    this.iter = iter;
  }
}
