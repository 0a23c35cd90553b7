package io.posekit.runtime.config.python;

import io.posekit.spi.SourceLocation;
import java.util.List;
import org.python.core.Py;
import org.python.core.PyFrame;

/** The config file whose code is running on this thread, so dict writes can record their line. */
public final class ScriptContext {
  private static final ThreadLocal<ScriptContext> CURRENT = new ThreadLocal<>();

  private final String file;
  private final List<String> baseChain;
  private boolean printed;

  public ScriptContext(String file, List<String> baseChain) {
    this.file = file;
    this.baseChain = baseChain;
  }

  /** Runs {@code body} with this context current; restores the previous one afterwards. */
  void run(Runnable body) {
    ScriptContext previous = CURRENT.get();
    CURRENT.set(this);
    try {
      body.run();
    } finally {
      CURRENT.set(previous);
    }
  }

  /** Whether the script called {@code print} (its output is a side effect a cached load would lose). */
  public boolean printed() {
    return printed;
  }

  static void notePrinted() {
    ScriptContext context = CURRENT.get();
    if (context != null) {
      context.printed = true;
    }
  }

  public SourceLocation at(int line) {
    return new SourceLocation(file, line, baseChain);
  }

  /** Where the running config code is now, or null outside config code. */
  static SourceLocation here() {
    ScriptContext context = CURRENT.get();
    if (context == null) {
      return null;
    }
    PyFrame frame = Py.getFrame();
    return context.at(frame == null ? 0 : frame.f_lineno);
  }

  static SourceLocation atLine(int line) {
    ScriptContext context = CURRENT.get();
    return context == null ? null : context.at(line);
  }
}
