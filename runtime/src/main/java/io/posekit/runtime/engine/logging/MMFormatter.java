package io.posekit.runtime.engine.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * MMEngine's {@code MMFormatter} as a Logback layout: {@code <time> - mmengine - <LEVEL> - <message>},
 * and for ERROR the caller's source path, method and line before the message. The console writes
 * {@code %m/%d %H:%M:%S} and a coloured, underlined level (termcolor's codes; WARNING and ERROR
 * also blink); the log file {@code %Y/%m/%d %H:%M:%S} without colour.
 */
public final class MMFormatter extends LayoutBase<ILoggingEvent> {
  /** The console's time format ({@code MMLogger}'s stream handler). */
  public static final String CONSOLE_DATE = "MM/dd HH:mm:ss";
  /** The log file's time format ({@code MMLogger}'s file handler). */
  public static final String FILE_DATE = "yyyy/MM/dd HH:mm:ss";

  private static final String PROJECT_PACKAGE = "io.posekit.";
  private static final String RESET = "\033[0m";

  private final DateTimeFormatter time;
  private final boolean color;

  public MMFormatter(String datePattern, boolean color) {
    this.time = DateTimeFormatter.ofPattern(datePattern).withZone(ZoneId.systemDefault());
    this.color = color;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128)
        .append(time.format(Instant.ofEpochMilli(event.getTimeStamp())))
        .append(" - ").append(name(event.getLoggerName()))
        .append(" - ").append(prefix(event.getLevel()))
        .append(" - ");
    if (event.getLevel() == Level.ERROR) {
      line.append(location(event.getCallerData())).append(" - ");
    }
    line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) { // as logging.Formatter appends exc_info
      line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
    }
    return line.toString();
  }

  /** Everything PoseKit logs is MMEngine's {@code 'mmengine'} logger; another library's logger keeps its name. */
  private static String name(String loggerName) {
    return loggerName.startsWith(PROJECT_PACKAGE) ? MMLogger.NAME : loggerName;
  }

  /** Python's level names (WARN is WARNING there); termcolor's {@code colored(level, color, attrs)}. */
  private String prefix(Level level) {
    String name = level == Level.WARN ? "WARNING" : level.toString();
    if (!color) {
      return name;
    }
    int colour = switch (level.toInt()) {
      case Level.ERROR_INT -> 31; // red
      case Level.WARN_INT -> 33; // yellow
      case Level.INFO_INT -> 37; // white
      default -> 32; // green: DEBUG
    };
    boolean blink = level.isGreaterOrEqual(Level.WARN);
    return (blink ? "\033[5m" : "") + "\033[4m\033[" + colour + "m" + name + RESET;
  }

  /** {@code %(pathname)s - %(funcName)s - %(lineno)d} of the logging call: its source file under the source root. */
  private static String location(StackTraceElement[] callerData) {
    if (callerData == null || callerData.length == 0) {
      return "? - ? - 0";
    }
    StackTraceElement caller = callerData[0];
    String className = caller.getClassName();
    int dot = className.lastIndexOf('.');
    String dir = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
    String file = caller.getFileName() == null ? className.substring(dot + 1) + ".java" : caller.getFileName();
    return dir + file + " - " + caller.getMethodName() + " - " + caller.getLineNumber();
  }
}
