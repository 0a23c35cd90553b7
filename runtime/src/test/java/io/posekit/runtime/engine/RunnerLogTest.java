package io.posekit.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.testing.LinearRegressionModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The runner's log file, MMEngine's {@code Runner.build_logger}: {@code <work_dir>/<timestamp>/<timestamp>.log},
 * receiving the runner's lines and whatever any class logs during the run, at the config's
 * {@code log_level}; after {@code close} it receives nothing more.
 */
class RunnerLogTest {
  private static Runner runner(Path workDir) {
    Randomness randomness = new Randomness(1, true);
    return new Runner(new LinearRegressionModel(3, randomness.global()), workDir, randomness, new LogProcessor(10, true, 4)).quiet(true);
  }

  private static List<String> messages(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(l -> l.substring(l.indexOf(" - mmengine - ") + " - mmengine - ".length())).toList();
  }

  @Test
  void theRunsFileGetsEveryLoggerAtTheConfiguredLevelUntilClosed(@TempDir Path tmp) throws Exception {
    Path file;
    try (Runner runner = runner(tmp).logLevel("DEBUG")) {
      file = runner.logFile();
      assertEquals(runner.logDir().resolve(runner.logDir().getFileName() + ".log"), file);
      assertEquals(tmp, runner.logDir().getParent());
      runner.log("first line");
      LoggerFactory.getLogger("io.posekit.tfmodels.Somewhere").warn("a warning from a model class");
      LoggerFactory.getLogger(RunnerLogTest.class).debug("a debug note");
      runner.logLevel("WARNING");
      runner.log("hidden at WARNING");
    }
    LoggerFactory.getLogger(RunnerLogTest.class).warn("after the run");
    assertEquals(List.of("INFO - first line", "WARNING - a warning from a model class", "DEBUG - a debug note"), messages(file));
  }

  @Test
  void aLogLevelPythonDoesNotKnowIsRefused(@TempDir Path tmp) {
    try (Runner runner = runner(tmp)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runner.logLevel("VERBOSE"));
      assertEquals("log_level: 'VERBOSE' is not a logging level; use 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'"
          + " (upper case, as Python's logging) or a number", e.getMessage());
    }
  }
}
