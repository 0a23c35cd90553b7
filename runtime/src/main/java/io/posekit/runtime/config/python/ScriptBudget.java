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
 * The time and the memory the Python code of one load (a config and its bases) may use. It watches
 * the code as Jython's trace function: once the time is spent or the code has allocated more than
 * its {@link ScriptMemory} allows, every line, call and return of config code raises again, so
 * neither a loop, a recursion nor a {@code try:}/{@code except:} around them can keep running;
 * the loader then reports the file and line that was running. Only the time config code runs
 * counts (not Jython's start or compiling). The sandbox's builtins that run long or allocate much
 * inside one call (iteration over {@code xrange}, {@code 'x' * n}, {@code 2 ** n}, ...) check
 * through {@link #poll} and {@link #charge}, which stop the config the same way.
 */
public final class ScriptBudget extends TraceFunction {
  private static final ThreadLocal<ScriptBudget> CURRENT = new ThreadLocal<>();

  private final Duration budget;
  private final ScriptMemory memory;
  private long remaining; // nanoseconds of config code left: compiling and Jython's start do not count
  private long deadline;
  private SourceLocation stoppedAt;
  private String overMemory; // why the memory budget stopped the config, or null
  private String running; // the file whose code runs: only its frames are watched

  public ScriptBudget(Duration budget, long memoryBytes) {
    this.budget = budget;
    this.remaining = budget.toNanos();
    this.memory = new ScriptMemory(memoryBytes);
  }

  /**
   * Runs {@code body} (config code on this thread) under this budget, with {@code context} for the
   * stopping line's base chain; throws the timeout or memory error if the budget ran out while it
   * ran, even when the code caught what stopped it.
   */
  void run(Path file, ScriptContext context, Runnable body) {
    ThreadState state = Py.getThreadState();
    TraceFunction previous = state.tracefunc;
    ScriptBudget outer = CURRENT.get();
    state.tracefunc = this;
    CURRENT.set(this);
    running = file.toString();
    long start = System.nanoTime();
    deadline = start + remaining;
    memory.start();
    try {
      body.run();
    } catch (PyException e) {
      if (stoppedAt == null && Py.matchException(e, Py.MemoryError)) {
        // Jython's MemoryError is the JVM's OutOfMemoryError: the heap ran out before the budget
        stopOnMemory(null, "the Java heap ran out");
      }
      if (stoppedAt == null) {
        throw ScriptErrors.toLoadException(file, e);
      }
    } catch (OutOfMemoryError e) {
      if (stoppedAt == null) {
        stopOnMemory(null, "the Java heap ran out");
      }
    } finally {
      memory.stop();
      CURRENT.set(outer);
      state.tracefunc = previous;
      remaining -= System.nanoTime() - start;
    }
    if (stoppedAt != null) {
      SourceLocation where = stoppedAt.line() > 0 ? context.at(stoppedAt.line()) : context.at(0);
      if (!stoppedAt.file().equals(file.toString())) {
        where = stoppedAt;
      }
      String at = where.line() > 0 ? " at line " + where.line() : "";
      if (overMemory != null) {
        throw new ConfigLoadException(where, "the config allocated more than its memory budget of "
            + megabytes(memory.budget()) + " MB and was stopped" + at + " (" + overMemory + "); give it more with "
            + "--config-memory MB or " + LoadOptions.MEMORY_ENV + "=MB");
      }
      throw new ConfigLoadException(where, "the config ran longer than its time budget of " + seconds()
          + " s and was stopped" + at + "; give it more with --config-timeout SECONDS or "
          + LoadOptions.TIMEOUT_ENV + "=SECONDS");
    }
  }

  private String seconds() {
    double s = budget.toNanos() / 1e9;
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  static String megabytes(long bytes) {
    double mb = bytes / (1024.0 * 1024.0);
    return mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(java.util.Locale.ROOT, "%.1f", mb);
  }

  /**
   * From a builtin of the sandbox, before it allocates about {@code bytes} at once: stops the
   * config if they do not fit its memory budget. {@code what} names the operation for the message.
   * Outside a load (a trusted helper, a test) it does nothing.
   */
  static void charge(long bytes, String what) {
    ScriptBudget budget = CURRENT.get();
    if (budget != null && (budget.stoppedAt != null || !budget.memory.fits(bytes))) {
      if (budget.stoppedAt == null) {
        long used = budget.memory.used();
        budget.stopOnMemory(Py.getFrame(), used > budget.memory.budget()
            ? "its code had allocated " + megabytes(used) + " MB"
            : what + " needs " + megabytes(bytes) + " MB with " + megabytes(used) + " MB spent");
      }
      throw stopping();
    }
  }

  /**
   * From a builtin of the sandbox that loops inside one call (iterating {@code xrange}, converting
   * the result): stops the config once its time or memory is spent, as a line of it would.
   */
  static void poll() {
    ScriptBudget budget = CURRENT.get();
    if (budget != null) {
      budget.check(Py.getFrame());
    }
  }

  /** The memory left to the running load, or {@link Long#MAX_VALUE} outside one. */
  static long memoryLeft() {
    ScriptBudget budget = CURRENT.get();
    return budget == null ? Long.MAX_VALUE : Math.max(0, budget.memory.budget() - budget.memory.used());
  }

  private void stopOnMemory(PyFrame frame, String why) {
    overMemory = why;
    stoppedAt = frame == null
        ? new SourceLocation(running, 0, List.of())
        : new SourceLocation(frame.f_code.co_filename, frame.f_lineno, List.of());
  }

  private void check(PyFrame frame) {
    if (stoppedAt == null && System.nanoTime() - deadline < 0) {
      if (!memory.over()) {
        return;
      }
      stopOnMemory(frame, "its code had allocated " + megabytes(memory.used()) + " MB");
    }
    if (stoppedAt == null) {
      stoppedAt = frame == null
          ? new SourceLocation(running, 0, List.of())
          : new SourceLocation(frame.f_code.co_filename, frame.f_lineno, List.of());
    }
    throw stopping();
  }

  // BaseException, not Exception: an `except Exception:` in the config does not even see it
  private static PyException stopping() {
    return new PyException(Py.KeyboardInterrupt, new PyString("config budget spent"));
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
