package io.posekit.runtime.config.python;

import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.spi.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.ThreadState;
import org.python.core.TraceFunction;

/**
 * The time the Python code of one load (a config and its bases) may run. It watches the code as
 * Jython's trace function: once the time is spent, every line, call and return of config code
 * raises again, so neither a loop, a recursion nor a {@code try:}/{@code except:} around them can
 * keep running; the loader then reports the file and line that was running. Only the time config
 * code runs counts (not Jython's start or compiling). A single long builtin call ({@code
 * sum(xrange(10 ** 12))}) has no line to stop at and ends first.
 */
public final class ScriptBudget extends TraceFunction {
  private final Duration budget;
  private long remaining; // nanoseconds of config code left: compiling and Jython's start do not count
  private long deadline;
  private SourceLocation stoppedAt;
  private String running; // the file whose code runs: only its frames are watched

  public ScriptBudget(Duration budget) {
    this.budget = budget;
    this.remaining = budget.toNanos();
  }

  /**
   * Runs {@code body} (config code on this thread) under this budget, with {@code context} for the
   * stopping line's base chain; throws the timeout error if the budget ran out while it ran, even
   * when the code caught what stopped it.
   */
  void run(Path file, ScriptContext context, Runnable body) {
    ThreadState state = Py.getThreadState();
    TraceFunction previous = state.tracefunc;
    state.tracefunc = this;
    running = file.toString();
    long start = System.nanoTime();
    deadline = start + remaining;
    try {
      body.run();
    } catch (PyException e) {
      if (stoppedAt == null) {
        throw ScriptErrors.toLoadException(file, e);
      }
    } finally {
      state.tracefunc = previous;
      remaining -= System.nanoTime() - start;
    }
    if (stoppedAt != null) {
      SourceLocation where = stoppedAt.line() > 0 ? context.at(stoppedAt.line()) : context.at(0);
      if (!stoppedAt.file().equals(file.toString())) {
        where = stoppedAt;
      }
      throw new ConfigLoadException(where, "the config ran longer than its time budget of " + seconds()
          + " s and was stopped" + (where.line() > 0 ? " at line " + where.line() : "")
          + "; give it more with --config-timeout SECONDS or " + LoadOptions.TIMEOUT_ENV + "=SECONDS");
    }
  }

  private String seconds() {
    double s = budget.toNanos() / 1e9;
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  private void check(PyFrame frame) {
    if (stoppedAt == null && System.nanoTime() - deadline < 0) {
      return;
    }
    if (stoppedAt == null) {
      stoppedAt = new SourceLocation(frame.f_code.co_filename, frame.f_lineno, List.of());
    }
    // BaseException, not Exception: an `except Exception:` in the config does not even see it
    throw new PyException(Py.KeyboardInterrupt, new PyString("config time budget spent"));
  }

  // Library code the config calls (copy, and Jython's modules it loads on first use) is not
  // watched: stopping it halfway could leave a module half imported for every later load.
  @Override
  public TraceFunction traceCall(PyFrame frame) {
    if (!running.equals(frame.f_code.co_filename)) {
      return null;
    }
    check(frame);
    return this;
  }

  @Override
  public TraceFunction traceReturn(PyFrame frame, PyObject ret) {
    check(frame);
    return this;
  }

  @Override
  public TraceFunction traceLine(PyFrame frame, int line) {
    check(frame);
    return this;
  }

  // Jython reports every exception it creates here, the budget's own too: raising here would recurse
  @Override
  public TraceFunction traceException(PyFrame frame, PyException exc) {
    return this;
  }
}
