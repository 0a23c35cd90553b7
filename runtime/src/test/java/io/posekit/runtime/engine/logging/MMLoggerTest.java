package io.posekit.runtime.engine.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's log as MMEngine's {@code MMLogger} writes it (mmengine/logging/logger.py):
 * {@code %Y/%m/%d %H:%M:%S - mmengine - LEVEL - message} in the file, {@code %m/%d %H:%M:%S} on the
 * console, the ERROR format with {@code pathname - funcName - lineno}, {@code log_level} as a
 * threshold, a WARNING once per appender, and nothing written to the file after the run.
 */
class MMLoggerTest {
  private static final Logger LOG = LoggerFactory.getLogger(MMLoggerTest.class);
  private static final Pattern FILE_LINE = Pattern.compile("(\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d) - (\\S+) - (\\w+) - (.*)");
  private static final Pattern CONSOLE_LINE = Pattern.compile("(\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d) - (\\S+) - (\\w+) - (.*)");

  /** What {@code body} printed to standard output. */
  private static String stdout(Runnable body) {
    return captured(body, () -> System.out, s -> System.setOut(s));
  }

  private static String stderr(Runnable body) {
    return captured(body, () -> System.err, s -> System.setErr(s));
  }

  private static String captured(Runnable body, Supplier<PrintStream> get, java.util.function.Consumer<PrintStream> set) {
    PrintStream old = get.get();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    set.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      set.accept(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void fileLinesFollowMmFormatterWithTheErrorLocation(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("20261207_101010/20261207_101010.log");
    LocalDateTime before = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    int errorLine;
    try (MMLogger logger = MMLogger.open(file, Level.INFO, false)) {
      LOG.info("Epoch(train) [1][ 5/10]  lr: 1.0000e-02");
      LOG.debug("not shown at INFO");
      LOG.warn("weights partly loaded");
      errorLine = new Throwable().getStackTrace()[0].getLineNumber(); LOG.error("cannot save");
      LoggerFactory.getLogger("org.example.Library").info("a library's line");
      assertEquals(file, logger.logFile());
    }
    LocalDateTime after = LocalDateTime.now();
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size(), String.join("\n", lines));
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    String[][] expected = {
        {"mmengine", "INFO", "Epoch(train) [1][ 5/10]  lr: 1.0000e-02"},
        {"mmengine", "WARNING", "weights partly loaded"},
        {"mmengine", "ERROR", "io/posekit/runtime/engine/logging/MMLoggerTest.java - fileLinesFollowMmFormatterWithTheErrorLocation - "
            + errorLine + " - cannot save"},
        {"org.example.Library", "INFO", "a library's line"}};
    for (int i = 0; i < expected.length; i++) {
      Matcher m = FILE_LINE.matcher(lines.get(i));
      assertTrue(m.matches(), lines.get(i));
      LocalDateTime at = LocalDateTime.parse(m.group(1), time);
      assertFalse(at.isBefore(before) || at.isAfter(after), at + " between " + before + " and " + after);
      assertEquals(List.of(expected[i]), List.of(m.group(2), m.group(3), m.group(4)));
    }
  }

  @Test
  void logLevelIsTheThresholdAndAWarningShowsOnce(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("run.log");
    try (MMLogger ignored = MMLogger.open(file, MMLogger.level("WARNING"), false)) {
      LOG.info("hidden at WARNING");
      LOG.warn("the same warning");
      LOG.warn("the same warning");
      LOG.warn("another warning");
    }
    assertEquals(List.of("WARNING - the same warning", "WARNING - another warning"), messages(file));

    Path debug = tmp.resolve("debug.log");
    try (MMLogger ignored = MMLogger.open(debug, MMLogger.level(10), false)) {
      LOG.debug("shown at DEBUG");
      LOG.info("twice");
      LOG.info("twice");
    }
    assertEquals(List.of("DEBUG - shown at DEBUG", "INFO - twice", "INFO - twice"), messages(debug));
  }

  private static List<String> messages(Path file) throws Exception {
    return Files.readAllLines(file).stream().map(l -> l.substring(l.indexOf(" - mmengine - ") + " - mmengine - ".length())).toList();
  }

  @Test
  void logLevelsAreReadAsPythonsLoggingReadsThem() {
    assertEquals(Level.DEBUG, MMLogger.level("DEBUG"));
    assertEquals(Level.INFO, MMLogger.level("INFO"));
    assertEquals(Level.WARN, MMLogger.level("WARNING"));
    assertEquals(Level.WARN, MMLogger.level("WARN"));
    assertEquals(Level.ERROR, MMLogger.level("ERROR"));
    assertEquals(Level.OFF, MMLogger.level("CRITICAL"));
    assertEquals(Level.ALL, MMLogger.level("NOTSET"));
    // a number shows the messages at or above it: 15 hides DEBUG (10), shows INFO (20)
    assertEquals(Level.INFO, MMLogger.level(15));
    assertEquals(Level.WARN, MMLogger.level(30));
    IllegalArgumentException lower = assertThrows(IllegalArgumentException.class, () -> MMLogger.level("info"));
    assertEquals("log_level: 'info' is not a logging level; use 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'"
        + " (upper case, as Python's logging) or a number", lower.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MMLogger.level(2.5));
  }

  @Test
  void theConsoleGetsTheShortDateOnStandardOutputAndNothingWhenQuiet(@TempDir Path tmp) {
    String out = stdout(() -> {
      try (MMLogger ignored = MMLogger.open(tmp.resolve("a.log"), Level.INFO, true)) {
        LOG.info("to the console");
      }
    });
    Matcher m = CONSOLE_LINE.matcher(out.strip());
    assertTrue(m.matches(), out);
    assertEquals(List.of("mmengine", "INFO", "to the console"), List.of(m.group(2), m.group(3), m.group(4)));

    String quiet = stdout(() -> {
      try (MMLogger ignored = MMLogger.open(tmp.resolve("b.log"), Level.INFO, false)) {
        LOG.info("file only");
      }
    });
    assertEquals("", quiet);
  }

  @Test
  void afterTheRunTheFileIsClosedAndCommandsLogToStandardError(@TempDir Path tmp) throws Exception {
    Path first = tmp.resolve("first.log");
    Path second = tmp.resolve("second.log");
    MMLogger run = MMLogger.open(first, Level.INFO, false);
    LOG.info("first run");
    // a newer run is the current one: the first run's appenders are detached
    try (MMLogger newer = MMLogger.open(second, Level.INFO, false)) {
      LOG.info("second run");
    }
    run.close();
    String err = stderr(() -> LOG.warn("outside a run"));
    assertEquals(List.of("INFO - first run"), messages(first));
    assertEquals(List.of("INFO - second run"), messages(second));
    Matcher m = CONSOLE_LINE.matcher(err.strip());
    assertTrue(m.matches(), err);
    assertEquals("WARNING", m.group(3));
    // closed: the file can go, and nothing recreates it
    Files.delete(first);
    LOG.info("after the run");
    assertFalse(Files.exists(first));
  }
}
