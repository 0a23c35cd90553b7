package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.hooks.LoggerHook;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.loops.TestLoop;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.testing.LinearRegressionModel;
import io.posekit.runtime.engine.testing.MseEvaluator;
import io.posekit.runtime.engine.testing.RegressionData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress bars: drawn on a terminal and ending at the total, nothing at all elsewhere (CI logs
 * and redirected output stay clean); {@code test}'s bar only where the logger hook prints no line
 * during the loop.
 */
class ProgressBarsTest {
  @Test
  void aTerminalGetsABarThatEndsAtTheTotal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ProgressBars.Progress bar = ProgressBars.start("make-demo-data", 7, true, new PrintStream(bytes, true, StandardCharsets.UTF_8), 100)) {
      for (int i = 0; i < 7; i++) {
        bar.step();
      }
    }
    String drawn = bytes.toString(StandardCharsets.UTF_8);
    String last = drawn.substring(drawn.lastIndexOf('\r') + 1).strip();
    assertTrue(last.startsWith("make-demo-data 100%") && last.contains(" 7/7 "), drawn);
  }

  @Test
  void elsewhereNothingIsWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBars.Progress bar = ProgressBars.start("make-demo-data", 7, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), 100);
    assertSame(ProgressBars.NONE, bar);
    bar.step();
    bar.close();
    assertEquals(0, bytes.size());
  }

  /** The tasks the hook started bars for over a test loop of 4 batches, with a LoggerHook of {@code interval}. */
  private static List<String> barsDuringTest(Path workDir, int interval) {
    Randomness randomness = new Randomness(3, true);
    List<String> started = new ArrayList<>();
    ByteArrayOutputStream drawn = new ByteArrayOutputStream();
    try (Runner runner = new Runner(new LinearRegressionModel(3, randomness.global()), workDir, randomness, new LogProcessor(10, true, 4))
        .quiet(true)) {
      runner.test(new RegressionData(20, 5, 1, false, randomness), new MseEvaluator());
      runner.testLoop(new TestLoop(runner, false));
      runner.registerHook(new LoggerHook(interval, true));
      runner.registerHook(new TestProgressHook((task, total) -> {
        started.add(task + " " + total);
        return ProgressBars.start(task, total, true, new PrintStream(drawn, true, StandardCharsets.UTF_8), 100);
      }));
      runner.test();
    }
    if (!started.isEmpty()) {
      String text = drawn.toString(StandardCharsets.UTF_8);
      assertTrue(text.substring(text.lastIndexOf('\r') + 1).contains(" 4/4 "), text);
    }
    return started;
  }

  @Test
  void testShowsABarOnlyWhenTheLoggerPrintsNoIterationLine(@TempDir Path tmp) {
    assertEquals(List.of("test 4"), barsDuringTest(tmp.resolve("quiet"), 10));
    assertEquals(List.of(), barsDuringTest(tmp.resolve("logged"), 2));
  }
}
