package io.posekit.runtime.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars (me.tongfei:progressbar) for commands that work long without a log line. A bar is
 * drawn on standard error only when the console is a terminal: redirected to a file or a CI log, a
 * bar redrawn with carriage returns would garble it, so there nothing is written (the command's own
 * final line or the run's log says what was done).
 */
public final class ProgressBars {
  /** A started bar, or nothing when not on a terminal. */
  public interface Progress extends AutoCloseable {
    /** One unit of work done. */
    void step();

    /** Whether a bar is drawn (on a terminal): a caller printing lines between steps clears the bar's line first. */
    boolean drawn();

    /** Shown after the bar, e.g. the item being worked on. */
    void message(String text);

    /** Draws the bar's final state and ends its line. */
    @Override
    void close();
  }

  /** What {@link #start} gives when the console is not a terminal: no output at all. */
  public static final Progress NONE = new Progress() {
    @Override
    public void step() {}

    @Override
    public boolean drawn() {
      return false;
    }

    @Override
    public void message(String text) {}

    @Override
    public void close() {}
  };

  private ProgressBars() {}

  /** A bar named {@code task} over {@code total} steps, on a terminal; else {@link #NONE}. */
  public static Progress start(String task, long total) {
    return start(task, total, System.console() != null, System.err, 0);
  }

  /**
   * @param terminal whether the output is a terminal a bar may redraw
   * @param width the bar's line length, or 0 for the terminal's width
   */
  static Progress start(String task, long total, boolean terminal, PrintStream out, int width) {
    if (!terminal) {
      return NONE;
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII) // any terminal font has these characters
        .setConsumer(new ConsoleProgressBarConsumer(out, width))
        .setUpdateIntervalMillis(200)
        .build();
    return new Progress() {
      @Override
      public void step() {
        bar.step();
      }

      @Override
      public boolean drawn() {
        return true;
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
