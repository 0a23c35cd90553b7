package io.posekit.runtime.engine.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.posekit.annotations.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * MMEngine's {@code MMLogger} for one run, on Logback: a console appender (standard output) and a
 * file appender ({@code <work_dir>/<timestamp>/<timestamp>.log}, opened once), both in
 * {@link MMFormatter}'s format at the config's {@code log_level}, each showing a WARNING once
 * ({@link FilterDuplicateWarning}). Every SLF4J logger reaches them: what PoseKit's classes log
 * during the run lands in the run's file. Like {@code MMLogger.get_current_instance()}, the newest
 * run is current: opening one detaches the previous run's appenders. Outside a run, and after
 * {@link #close}, the console appender {@link PoseKitLogbackConfigurator} installed writes to
 * standard error (standard output carries what commands such as {@code infer} print).
 */
public final class MMLogger implements AutoCloseable {
  /** MMEngine's logger name, printed in every line. */
  public static final String NAME = "mmengine";
  /** The console appender commands have outside a run. */
  static final String DEFAULT_CONSOLE = "console";

  /** Python's {@code logging._nameToLevel}; CRITICAL is above everything PoseKit logs. */
  private static final Map<String, Level> LEVELS = Map.of(
      "CRITICAL", Level.OFF, "FATAL", Level.OFF, "ERROR", Level.ERROR, "WARN", Level.WARN, "WARNING", Level.WARN,
      "INFO", Level.INFO, "DEBUG", Level.DEBUG, "NOTSET", Level.ALL);

  private static @Nullable MMLogger current;

  private final Logger root;
  private final Path logFile;
  private final Level rootLevelBefore;
  private final @Nullable Appender<ILoggingEvent> defaultConsole;
  private final FileAppender<ILoggingEvent> file;
  private @Nullable ConsoleAppender<ILoggingEvent> console;
  private boolean attached = true;

  private MMLogger(Path logFile, Level level, boolean toConsole) {
    LoggerContext context = context();
    this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    this.logFile = logFile;
    this.rootLevelBefore = root.getLevel();
    this.defaultConsole = root.getAppender(DEFAULT_CONSOLE);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log folder of " + logFile + ": " + e.getMessage(), e);
    }
    file = new FileAppender<>();
    file.setFile(logFile.toString());
    file.setAppend(true); // a fresh timestamped file; a second run in the same second adds to it instead of erasing it
    start(context, file, "file", new MMFormatter(MMFormatter.FILE_DATE, false));
    if (!file.isStarted()) {
      throw new UncheckedIOException(new IOException("cannot open the log file " + logFile));
    }
    if (defaultConsole != null) {
      root.detachAppender(defaultConsole);
    }
    root.addAppender(file);
    root.setLevel(level);
    console(toConsole);
  }

  /**
   * Opens a run's log, making it the current one.
   *
   * @param logFile where the file appender writes (its folders are created)
   * @param level the threshold of both appenders, from {@link #level(Object)}
   * @param toConsole whether lines also go to standard output (tests keep them to the file)
   */
  public static synchronized MMLogger open(Path logFile, Level level, boolean toConsole) {
    if (current != null) {
      current.detach();
    }
    current = new MMLogger(logFile, level, toConsole);
    return current;
  }

  /** The file this run logs to. */
  public Path logFile() {
    return logFile;
  }

  /** Changes the threshold of both appenders. */
  public synchronized void level(Level level) {
    if (attached) {
      root.setLevel(level);
    }
  }

  /** Adds or removes the console appender (standard output, coloured on a terminal as MMEngine's). */
  public synchronized void console(boolean on) {
    if (!attached || on == (console != null)) {
      return;
    }
    if (on) {
      console = consoleAppender(context(), "run-console", "System.out");
      root.addAppender(console);
    } else {
      root.detachAppender(console);
      console.stop();
      console = null;
    }
  }

  /** Closes the file; commands log to standard error again. */
  @Override
  public void close() {
    synchronized (MMLogger.class) {
      detach();
      if (current == this) {
        current = null;
      }
    }
  }

  private synchronized void detach() {
    if (!attached) {
      return;
    }
    console(false);
    attached = false;
    root.detachAppender(file);
    file.stop();
    if (defaultConsole != null) {
      root.addAppender(defaultConsole);
    }
    root.setLevel(rootLevelBefore);
  }

  /**
   * A config's {@code log_level} as Python's {@code logging} reads it: a level name (upper case:
   * DEBUG, INFO, WARNING or WARN, ERROR, CRITICAL or FATAL, NOTSET) or a number (10 DEBUG, 20 INFO, ...;
   * messages at or above it are shown).
   *
   * @throws IllegalArgumentException for anything else, naming the accepted values
   */
  public static Level level(Object logLevel) {
    if (logLevel instanceof Integer || logLevel instanceof Long) {
      long n = ((Number) logLevel).longValue();
      return n <= 0 ? Level.ALL : n <= 10 ? Level.DEBUG : n <= 20 ? Level.INFO : n <= 30 ? Level.WARN : n <= 40 ? Level.ERROR : Level.OFF;
    }
    Level level = logLevel instanceof String name ? LEVELS.get(name) : null;
    if (level == null) {
      throw new IllegalArgumentException("log_level: " + (logLevel instanceof String ? "'" + logLevel + "'" : String.valueOf(logLevel))
          + " is not a logging level; use 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL' (upper case, as Python's logging) or a number");
    }
    return level;
  }

  /**
   * A console appender in the console's format: to {@code target} ({@code System.out} or
   * {@code System.err}, looked up at every write, so a redirected stream is followed), coloured
   * when that is a terminal.
   */
  static ConsoleAppender<ILoggingEvent> consoleAppender(LoggerContext context, String name, String target) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setTarget(target);
    start(context, appender, name, new MMFormatter(MMFormatter.CONSOLE_DATE, colorTerminal()));
    return appender;
  }

  private static void start(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String name, MMFormatter layout) {
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    FilterDuplicateWarning once = new FilterDuplicateWarning();
    once.start();
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder);
    appender.addFilter(once);
    appender.start();
  }

  /** termcolor's rule: NO_COLOR or ANSI_COLORS_DISABLED switch colour off, FORCE_COLOR on, else a terminal has it. */
  private static boolean colorTerminal() {
    if (System.getenv("NO_COLOR") != null || System.getenv("ANSI_COLORS_DISABLED") != null) {
      return false;
    }
    return System.getenv("FORCE_COLOR") != null || System.console() != null;
  }

  private static LoggerContext context() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException("PoseKit logs through Logback, but SLF4J is bound to "
          + LoggerFactory.getILoggerFactory().getClass().getName() + "; remove the other SLF4J provider from the class path");
    }
    return context;
  }
}
