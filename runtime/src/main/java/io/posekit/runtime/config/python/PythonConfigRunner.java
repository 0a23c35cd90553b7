package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyDictionary;
import org.python.core.PyFrame;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PySystemState;
import org.python.core.PyUnicode;
import org.python.core.ThreadState;

/** Runs a compiled config in a fresh Jython state: sandboxed builtins unless trusted. */
public final class PythonConfigRunner {
  /** What a config file defines, and its {@code _base_} as the file left it (it may mutate it). */
  public record Result(ConfigDict defined, ConfigDict base) {}

  private static final List<String> SAFE_BUILTINS = List.of(
      "abs", "all", "any", "bool", "chr", "unichr", "divmod", "enumerate", "filter", "float",
      "format", "frozenset", "hash", "int", "isinstance", "issubclass", "iter", "len", "list",
      "long", "map", "max", "min", "next", "ord", "pow", "range", "repr", "reversed", "set",
      "slice", "sorted", "sum", "tuple", "unicode", "basestring", "xrange", "zip", "hasattr",
      "callable", "True", "False", "None", "NotImplemented", "Ellipsis", "Exception",
      "BaseException", "ValueError", "KeyError", "TypeError", "IndexError", "AttributeError",
      "NameError", "RuntimeError", "AssertionError", "NotImplementedError", "StopIteration",
      "ZeroDivisionError", "ArithmeticError", "LookupError", "ImportError", "Warning",
      "UserWarning", "DeprecationWarning");
  private static final Set<String> DROPPED_KEYS = Set.of("_base_");

  private PythonConfigRunner() {}

  public static Result run(Path file, List<PyCode> pieces, ConfigDict base, ScriptContext context, boolean trusted,
      ScriptBudget budget) {
    ScriptDict globals = new ScriptDict(context.at(0), false);
    globals.putLocated(new PyUnicode("_base_"), PyValues.toPy(base), null);
    return execute(file, pieces, globals, trusted, context, budget, () -> new Result(defined(file, globals, context),
        PyValues.toConfigDict(globals.__finditem__("_base_"), "_base_", null)));
  }

  /**
   * Runs a lazy-import config: {@code imported} holds what its {@code with read_base():} imports
   * gave (names bound before any line runs, as in MMEngine). Returns all its variables.
   */
  public static ConfigDict runLazy(Path file, List<PyCode> pieces, ConfigDict imported, ScriptContext context, boolean trusted,
      ScriptBudget budget) {
    ScriptDict globals = new ScriptDict(context.at(0), false);
    for (java.util.Map.Entry<Object, Object> e : imported.entrySet()) {
      globals.putLocated(PyValues.toPy(e.getKey()), PyValues.toPy(e.getValue()), imported.locationOf(e.getKey()).orElse(null));
    }
    return execute(file, pieces, globals, trusted, context, budget, () -> defined(file, globals, context));
  }

  /**
   * Runs the pieces, then {@code result} (the conversion of what they defined: a config's shared
   * lists can expand there), both under {@code budget}.
   */
  private static <T> T execute(Path file, List<PyCode> pieces, ScriptDict globals, boolean trusted, ScriptContext context,
      ScriptBudget budget, java.util.function.Supplier<T> result) {
    JythonRuntime.ensureStarted();
    PySystemState state = new PySystemState();
    state.setBuiltins(builtins(trusted));
    if (!trusted) {
      state.path = new PyList();
      state.meta_path = new PyList();
      state.path_hooks = new PyList();
    }
    PySystemState previous = Py.setSystemState(state);
    // Jython leaves the innermost frame current after a recursion-limit error; later code, the
    // trusted compiler's too, would then run on top of this config's frames with its builtins
    ThreadState thread = Py.getThreadState();
    PyFrame frame = thread.frame;
    int depth = thread.call_depth;
    List<T> out = new java.util.ArrayList<>(1);
    try {
      context.run(() -> budget.run(file, context, () -> {
        for (PyCode piece : pieces) {
          Py.runCode(piece, null, globals);
        }
        out.add(result.get());
      }));
      return out.get(0);
    } finally {
      thread.frame = frame;
      thread.call_depth = depth;
      Py.setSystemState(previous);
    }
  }

  /** The file's variables, without dunder names, functions, classes and modules (as MMEngine). */
  private static ConfigDict defined(Path file, ScriptDict globals, ScriptContext context) {
    ConfigDict out = new ConfigDict(context.at(0));
    for (PyObject item : globals.invoke("items").asIterable()) {
      PyObject key = item.__getitem__(0);
      PyObject value = item.__getitem__(1);
      String name = key.toString();
      if (DROPPED_KEYS.contains(name) || name.startsWith("__") || PyValues.isCodeObject(value)) {
        continue;
      }
      try {
        out.put(name, PyValues.toJava(value, name, context.at(0)), globals.locationOf(key));
      } catch (PyValues.NotAConfigValue e) {
        SourceLocationHolder where = new SourceLocationHolder(globals.locationOf(key));
        throw new ConfigLoadException(where.orFile(file), e.getMessage());
      }
    }
    return out;
  }

  /** A key's location, or the file itself when the key has none. */
  private record SourceLocationHolder(io.posekit.spi.SourceLocation location) {
    io.posekit.spi.SourceLocation orFile(Path file) {
      return location != null ? location : new io.posekit.spi.SourceLocation(file.toString(), 0);
    }
  }

  /**
   * The builtins that allocate or loop inside one call, replaced by ones that check the load's
   * budget ({@link ScriptAllocations}, {@link ScriptIteration}), and the compiler's operator guards.
   */
  private static void guardAllocations(PyDictionary out, PyObject defaults) {
    for (ScriptAllocations.Op op : ScriptAllocations.Op.values()) {
      for (boolean inPlace : new boolean[] {false, true}) {
        out.__setitem__(new PyString(ScriptAllocations.Guarded.builtinName(op, inPlace)),
            new ScriptAllocations.Guarded(op, inPlace));
      }
    }
    out.__setitem__(new PyString("__pk_method__"), new ScriptAllocations.MethodAttribute());
    out.__setitem__(new PyString("pow"), new ScriptAllocations.Pow(defaults.__finditem__("pow")));
    out.__setitem__(new PyString("format"), new ScriptAllocations.Format(defaults.__finditem__("format")));
    out.__setitem__(new PyString("xrange"), new ScriptIteration.XRange(defaults.__finditem__("xrange")));
    out.__setitem__(new PyString("range"), new ScriptIteration.Range(defaults.__finditem__("range")));
    out.__setitem__(new PyString("iter"), new ScriptIteration.Iter(defaults.__finditem__("iter")));
    // name, first iterable argument, how many (-1: all), only with this many positional arguments
    Object[][] consumers = {
      {"map", 1, -1, -1}, {"filter", 1, 1, -1}, {"zip", 0, -1, -1}, {"sorted", 0, 1, -1},
      {"sum", 0, 1, -1}, {"any", 0, 1, -1}, {"all", 0, 1, -1}, {"enumerate", 0, 1, -1},
      {"min", 0, 1, 1}, {"max", 0, 1, 1}};
    for (Object[] c : consumers) {
      String name = (String) c[0];
      out.__setitem__(new PyString(name), new ScriptIteration.Consuming(name, defaults.__finditem__(name),
          (Integer) c[1], (Integer) c[2], (Integer) c[3]));
    }
  }

  private static PyObject builtins(boolean trusted) {
    PyObject defaults = PySystemState.getDefaultBuiltins();
    PyDictionary out = new PyDictionary();
    if (trusted) {
      for (PyObject key : defaults.asIterable()) {
        out.__setitem__(key, defaults.__finditem__(key));
      }
    } else {
      for (String name : SAFE_BUILTINS) {
        PyObject value = defaults.__finditem__(name);
        if (value == null) {
          throw new IllegalStateException("Jython has no builtin " + name);
        }
        out.__setitem__(new PyString(name), value);
      }
      out.__setitem__(new PyString("str"), defaults.__finditem__("unicode"));
      out.__setitem__(new PyString("bytes"), defaults.__finditem__("str"));
      out.__setitem__(new PyString("__pk_import__"), new ScriptFunctions.SafeImport());
      guardAllocations(out, defaults);
      out.__setitem__(new PyString("__pk_format__"),
          new SafeFormat.FormatAttribute(PythonConfigCompiler.get().deniedAttribute()));
    }
    out.__setitem__(new PyString("dict"), new ScriptFunctions.OrderedDictFunction());
    out.__setitem__(new PyString("__pk_dict__"), new ScriptFunctions.DictFactory());
    out.__setitem__(new PyString("__pk_lazy__"), new ScriptFunctions.LazyImportFunction());
    out.__setitem__(new PyString("__pk_list__"), defaults.__finditem__("list"));
    out.__setitem__(new PyString("__pk_tuple__"), defaults.__finditem__("tuple"));
    out.__setitem__(new PyString("print"), new ScriptFunctions.PrintFunction(System.out));
    out.__setitem__(new PyString("round"), new ScriptFunctions.RoundFunction());
    out.__setitem__(new PyString("repr"), new ScriptFunctions.ReprFunction());
    out.__setitem__(new PyString("__pk_repr__"), new ScriptFunctions.ReprFunction());
    return out;
  }
}
