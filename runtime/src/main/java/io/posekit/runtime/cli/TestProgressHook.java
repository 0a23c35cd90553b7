package io.posekit.runtime.cli;

import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.hooks.LoggerHook;
import io.posekit.runtime.engine.Priority;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code test}'s progress over the test batches, on a terminal, when the logger hook prints no line
 * during the loop (no {@code LoggerHook}, or an interval longer than the test set); otherwise the
 * log lines are the progress, and a bar between them would garble them.
 */
final class TestProgressHook implements Hook {
  private final BiFunction<String, Long, ProgressBars.Progress> bars;
  private ProgressBars.Progress bar = ProgressBars.NONE;

  TestProgressHook() {
    this(ProgressBars::start);
  }

  /** With {@code bars} making the bar (tests draw it into a buffer). */
  TestProgressHook(BiFunction<String, Long, ProgressBars.Progress> bars) {
    this.bars = bars;
  }

  /** Ahead of the LoggerHook (BELOW_NORMAL), so the bar is closed before the metrics line. */
  @Override
  public Priority priority() {
    return Priority.NORMAL;
  }

  @Override
  public void beforeTestEpoch(Runner runner) {
    int length = runner.testData().length();
    boolean logged = runner.hooks().stream().anyMatch(h -> h instanceof LoggerHook logger && logger.interval() <= length);
    bar = logged ? ProgressBars.NONE : bars.apply("test", (long) length);
  }

  @Override
  public void afterTestIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    bar.step();
  }

  @Override
  public void afterTestEpoch(Runner runner, Map<String, Double> metrics) {
    bar.close();
    bar = ProgressBars.NONE;
  }
}
