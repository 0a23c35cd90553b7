package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Path;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyTraceback;

/** Turns a Python exception raised while compiling or running a config into file:line errors. */
final class ScriptErrors {
  private ScriptErrors() {}

  static ConfigLoadException toLoadException(Path file, PyException e) {
    e.normalize();
    PyObject value = e.value;
    String type = e.type.__findattr__("__name__") != null ? e.type.__findattr__("__name__").toString() : e.type.toString();
    int line = 0;
    String message;
    if (Py.matchException(e, Py.SyntaxError)) {
      PyObject lineno = value.__findattr__("lineno");
      line = lineno == null || lineno == Py.None ? 0 : lineno.asInt();
      PyObject msg = value.__findattr__("msg");
      message = "SyntaxError: " + (msg == null ? value : msg);
    } else if (value.__findattr__("lineno") != null && value.__findattr__("msg") != null
        && type.equals("SandboxViolation")) {
      line = value.__findattr__("lineno").asInt();
      message = "not allowed: " + value.__findattr__("msg");
    } else if (javaError(value) != null) {
      // Jython failed in Java: its class names mean nothing to the config's author
      Throwable java = javaError(value);
      line = lineInFile(e.traceback, file.toString());
      String text = String.valueOf(java.getMessage());
      message = text.startsWith("Cannot create PyString with non-byte value")
          ? "SyntaxError: invalid syntax on a line with non-ASCII characters (Jython cannot quote it)"
          : "the Python reader failed: " + text;
    } else {
      line = lineInFile(e.traceback, file.toString());
      message = type + ": " + value.__str__();
    }
    ConfigLoadException out = new ConfigLoadException(file, line, message);
    out.initCause(e);
    return out;
  }

  /** The Java exception a Python exception wraps, or null. */
  private static Throwable javaError(PyObject value) {
    Object java = value == null ? null : value.__tojava__(Throwable.class);
    return java instanceof Throwable t && !(java instanceof PyException) ? t : null;
  }

  /** The innermost traceback line that belongs to {@code file}. */
  private static int lineInFile(PyTraceback tb, String file) {
    int line = 0;
    for (PyTraceback t = tb; t != null; t = t.tb_next instanceof PyTraceback next ? next : null) {
      if (t.tb_frame != null && t.tb_frame.f_code != null && file.equals(t.tb_frame.f_code.co_filename)) {
        line = t.tb_lineno;
      }
    }
    return line;
  }
}
