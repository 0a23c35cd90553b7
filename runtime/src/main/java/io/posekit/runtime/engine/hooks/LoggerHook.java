package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.logging.LogProcessor;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code LoggerHook}: every {@code interval} training iterations (and at the end of an
 * epoch unless {@code ignore_last}) logs the processor's line and appends its scalars to
 * {@code vis_data/scalars.json}; after validation and test, the metrics.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class LoggerHook implements Hook {
  private final int interval;
  private final boolean ignoreLast;

  public LoggerHook(
      @Param(defaultValue = "10") int interval, @Param(defaultValue = "True") boolean ignoreLast) {
    if (interval <= 0) {
      throw new IllegalArgumentException("LoggerHook.interval must be > 0, got " + interval);
    }
    this.interval = interval;
    this.ignoreLast = ignoreLast;
  }

  /** Every how many iterations a line is logged. */
  public int interval() {
    return interval;
  }

  @Override
  public Priority priority() {
    return Priority.BELOW_NORMAL;
  }

  private LogProcessor.Position position(Runner runner, int batchIdx, int length) {
    boolean training = runner.hasTrainLoop();
    return new LogProcessor.Position(runner.epoch(), training ? runner.maxEpochs() : 0, runner.iter(),
        training ? runner.maxIters() : 0, batchIdx, length);
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    int length = runner.trainData().length();
    boolean byEpoch = runner.logProcessor().byEpoch();
    boolean every = byEpoch ? (batchIdx + 1) % interval == 0 : (runner.iter() + 1) % interval == 0;
    boolean endOfEpoch = byEpoch && batchIdx + 1 == length && !ignoreLast;
    if (every || endOfEpoch) {
      LogProcessor.Log log = runner.logProcessor().getLogAfterIter(
          runner.messageHub(), position(runner, byEpoch ? batchIdx : runner.iter(), length), "train");
      runner.log(log.line());
      runner.scalarWriter().addScalars(numbers(log.tag()), runner.iter() + 1);
    }
  }

  @Override
  public void afterValIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    int length = runner.valData().length();
    if ((batchIdx + 1) % interval == 0) {
      runner.log(runner.logProcessor().getLogAfterIter(runner.messageHub(), position(runner, batchIdx, length), "val").line());
    }
  }

  @Override
  public void afterValEpoch(Runner runner, Map<String, Double> metrics) {
    LogProcessor.Log log = runner.logProcessor().getLogAfterEpoch(
        runner.messageHub(), position(runner, runner.valData().length() - 1, runner.valData().length()), "val", metrics);
    runner.log(log.line());
    runner.scalarWriter().addScalars(numbers(log.tag()), runner.logProcessor().byEpoch() ? runner.epoch() : runner.iter());
  }

  @Override
  public void afterTestIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    int length = runner.testData().length();
    if ((batchIdx + 1) % interval == 0) {
      runner.log(runner.logProcessor().getLogAfterIter(runner.messageHub(), position(runner, batchIdx, length), "test").line());
    }
  }

  @Override
  public void afterTestEpoch(Runner runner, Map<String, Double> metrics) {
    LogProcessor.Log log = runner.logProcessor().getLogAfterEpoch(
        runner.messageHub(), position(runner, runner.testData().length() - 1, runner.testData().length()), "test", metrics);
    runner.log(log.line());
  }

  /** The log's scalars; every value of a log tag is a number. */
  private static Map<String, Number> numbers(Map<String, Object> tag) {
    Map<String, Number> out = new java.util.LinkedHashMap<>();
    tag.forEach((k, v) -> out.put(k, (Number) v));
    return out;
  }
}
