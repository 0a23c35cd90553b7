package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.PythonLiteralWriter;
import io.posekit.spi.SourceLocation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.python.core.Py;
import org.python.core.PyBuiltinFunctionNarrow;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyList;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;

/**
 * The Java-implemented functions a config script gets in place of Jython's: an order-keeping
 * {@code dict}, the {@code __pk_dict__} factory the compiler rewrites dict displays into, a
 * Python 3 {@code print} and {@code round}, and an import that hands out vetted modules only.
 * They are builtin-function objects, so a script sees no Java methods on them.
 */
final class ScriptFunctions {
  private ScriptFunctions() {}

  /**
   * A builtin taking any arguments: a call site with a fixed number of positional arguments comes
   * in through Jython's fixed-arity {@code __call__}s, which all go to {@link #__call__(PyObject[], String[])}.
   */
  abstract static class VarargsFunction extends PyBuiltinFunctionNarrow {
    VarargsFunction(String name, String doc) {
      super(name, 0, -1, doc);
    }

    @Override
    public abstract PyObject __call__(PyObject[] args, String[] keywords);

    @Override
    public PyObject __call__() {
      return __call__(Py.EmptyObjects, Py.NoKeywords);
    }

    @Override
    public PyObject __call__(PyObject a) {
      return __call__(new PyObject[] {a}, Py.NoKeywords);
    }

    @Override
    public PyObject __call__(PyObject a, PyObject b) {
      return __call__(new PyObject[] {a, b}, Py.NoKeywords);
    }

    @Override
    public PyObject __call__(PyObject a, PyObject b, PyObject c) {
      return __call__(new PyObject[] {a, b, c}, Py.NoKeywords);
    }

    @Override
    public PyObject __call__(PyObject a, PyObject b, PyObject c, PyObject d) {
      return __call__(new PyObject[] {a, b, c, d}, Py.NoKeywords);
    }

    @Override
    public PyObject __call__(PyObject[] args) {
      return __call__(args, Py.NoKeywords);
    }
  }

  /** {@code __pk_dict__(line, iterable of (key, value, key_line))}. */
  static final class DictFactory extends PyBuiltinFunctionNarrow {
    DictFactory() {
      super("__pk_dict__", 2, 2, null);
    }

    @Override
    public PyObject __call__(PyObject line, PyObject triples) {
      ScriptDict dict = new ScriptDict(ScriptContext.atLine(line.asInt()), false);
      for (PyObject triple : triples.asIterable()) {
        dict.putLocated(triple.__getitem__(0), triple.__getitem__(1),
            ScriptContext.atLine(triple.__getitem__(2).asInt()));
      }
      return dict;
    }
  }

  /** {@code dict(mapping_or_pairs, **kwargs)} keeping the order of items and keywords. */
  static final class OrderedDictFunction extends VarargsFunction {
    OrderedDictFunction() {
      super("dict", "dict() -> new dictionary that keeps insertion order");
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      int positional = args.length - keywords.length;
      if (positional > 1) {
        throw Py.TypeError("dict expected at most 1 arguments, got " + positional);
      }
      SourceLocation here = ScriptContext.here();
      ScriptDict dict = new ScriptDict(here, false);
      if (positional == 1) {
        PyObject source = args[0];
        PyObject items = source.__findattr__("keys") != null ? source.invoke("items") : source;
        for (PyObject pair : items.asIterable()) {
          PyObject key = pair.__getitem__(0);
          SourceLocation keyLocation = source instanceof ScriptDict s ? s.locationOf(key) : here;
          dict.putLocated(key, pair.__getitem__(1), keyLocation);
        }
      }
      for (int i = 0; i < keywords.length; i++) {
        dict.putLocated(new PyUnicode(keywords[i]), args[positional + i], here);
      }
      return dict;
    }
  }

  /** Python 3's print: writes to standard output, never imports codecs. */
  static final class PrintFunction extends VarargsFunction {
    private final PrintStream out;

    PrintFunction(PrintStream out) {
      super("print", null);
      this.out = out;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      int positional = args.length - keywords.length;
      String sep = " ";
      String end = "\n";
      for (int i = 0; i < keywords.length; i++) {
        PyObject v = args[positional + i];
        switch (keywords[i]) {
          case "sep" -> sep = v == Py.None ? " " : v.__unicode__().getString();
          case "end" -> end = v == Py.None ? "\n" : v.__unicode__().getString();
          case "flush", "file" -> { } // always stdout, flushed
          default -> throw Py.TypeError("'" + keywords[i] + "' is an invalid keyword argument for print()");
        }
      }
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < positional; i++) {
        if (i > 0) {
          text.append(sep);
        }
        text.append(args[i].__unicode__().getString());
      }
      out.print(text.append(end));
      out.flush();
      ScriptContext.notePrinted();
      return Py.None;
    }
  }

  /** Python 3's repr for config values (no u'' prefix); other objects keep Jython's repr. */
  static final class ReprFunction extends PyBuiltinFunctionNarrow {
    ReprFunction() {
      super("repr", 1, 1, null);
    }

    @Override
    public PyObject __call__(PyObject value) {
      try {
        return new PyUnicode(PythonLiteralWriter.flat(PyValues.toJava(value, "repr", null)));
      } catch (PyValues.NotAConfigValue | IllegalArgumentException notData) {
        return value.__repr__();
      }
    }
  }

  /** Python 3's round: ints for one argument, banker's rounding. */
  static final class RoundFunction extends PyBuiltinFunctionNarrow {
    RoundFunction() {
      super("round", 1, 2, null);
    }

    @Override
    public PyObject __call__(PyObject number) {
      double value = number.asDouble();
      return Py.newLong(new java.math.BigDecimal(value).setScale(0, java.math.RoundingMode.HALF_EVEN).toBigInteger());
    }

    @Override
    public PyObject __call__(PyObject number, PyObject digits) {
      if (digits == Py.None) {
        return __call__(number);
      }
      java.math.BigDecimal exact = new java.math.BigDecimal(number.asDouble());
      return new PyFloat(exact.setScale(digits.asInt(), java.math.RoundingMode.HALF_EVEN).doubleValue());
    }
  }

  /** {@code __pk_import__(name)}: the vetted stand-in of an allowed module. */
  static final class SafeImport extends PyBuiltinFunctionNarrow {
    SafeImport() {
      super("__pk_import__", 1, 1, null);
    }

    @Override
    public PyObject __call__(PyObject name) {
      return switch (name.toString()) {
        case "math" -> mathModule();
        case "copy" -> copyModule();
        default -> throw Py.ImportError("import of module '" + name + "' is not allowed in a config");
      };
    }
  }

  /** A fresh module holding only math's public functions and constants. */
  private static PyModule mathModule() {
    PyObject math = org.python.core.PyType.fromClass(org.python.modules.math.class);
    PyModule module = new PyModule("math");
    for (PyObject name : ((PyList) math.__dir__()).asIterable()) {
      String n = name.toString();
      if (!n.startsWith("_") && !n.equals("classDictInit")) {
        PyObject v = math.__findattr__(n);
        if (v instanceof PyFloat || v instanceof org.python.core.PyBuiltinCallable
            || v instanceof org.python.core.PyReflectedFunction) {
          module.__setattr__(n, v);
        }
      }
    }
    module.__setattr__("floor", new IntegralFunction("floor", java.math.RoundingMode.FLOOR));
    module.__setattr__("ceil", new IntegralFunction("ceil", java.math.RoundingMode.CEILING));
    module.__setattr__("factorial", new Factorial(math.__findattr__("factorial")));
    return module;
  }

  /** Python 3's math.floor/ceil return ints (Jython 2.7's return floats). */
  static final class IntegralFunction extends PyBuiltinFunctionNarrow {
    private final java.math.RoundingMode mode;

    IntegralFunction(String name, java.math.RoundingMode mode) {
      super(name, 1, 1, null);
      this.mode = mode;
    }

    @Override
    public PyObject __call__(PyObject number) {
      return Py.newLong(new java.math.BigDecimal(number.asDouble()).setScale(0, mode).toBigInteger());
    }
  }

  /** math.factorial, charged first: n! has about n log2 n bits, all made in one call. */
  static final class Factorial extends PyBuiltinFunctionNarrow {
    private final PyObject factorial;

    Factorial(PyObject factorial) {
      super("factorial", 1, 1, null);
      this.factorial = factorial;
    }

    @Override
    public PyObject __call__(PyObject n) {
      java.math.BigInteger value = ScriptAllocations.integer(n);
      if (value != null && value.compareTo(java.math.BigInteger.TWO) > 0) {
        double bits = value.doubleValue() * (Math.log(value.doubleValue()) / Math.log(2));
        ScriptBudget.charge(bits >= 8.0 * Long.MAX_VALUE ? Long.MAX_VALUE : (long) (bits / 8), "math.factorial()");
      }
      return factorial.__call__(n);
    }
  }

  private static PyModule copyModule() {
    PyModule module = new PyModule("copy");
    module.__setattr__("deepcopy", new CopyFunction("deepcopy", true));
    module.__setattr__("copy", new CopyFunction("copy", false));
    return module;
  }

  /** copy.copy / copy.deepcopy for config values, keeping order and locations. */
  static final class CopyFunction extends PyBuiltinFunctionNarrow {
    private final boolean deep;

    CopyFunction(String name, boolean deep) {
      super(name, 1, 2, null);
      this.deep = deep;
    }

    @Override
    public PyObject __call__(PyObject value) {
      return copy(value, deep);
    }

    @Override
    public PyObject __call__(PyObject value, PyObject memo) {
      return copy(value, deep);
    }

    private static PyObject copy(PyObject value, boolean deep) {
      ScriptBudget.poll(); // a deep copy expands shared lists
      if (value instanceof PyDictionary dict) {
        boolean attributes = value instanceof ScriptDict s && s.hasAttributeAccess();
        ScriptDict out = new ScriptDict(value instanceof ScriptDict s ? s.location() : ScriptContext.here(), attributes);
        for (PyObject item : dict.invoke("items").asIterable()) {
          PyObject key = item.__getitem__(0);
          PyObject v = item.__getitem__(1);
          out.putLocated(key, deep ? copy(v, true) : v,
              value instanceof ScriptDict s ? s.locationOf(key) : null);
        }
        return out;
      }
      if (value instanceof PyList list) {
        PyList out = new PyList();
        for (PyObject item : list.asIterable()) {
          out.append(deep ? copy(item, true) : item);
        }
        return out;
      }
      if (value instanceof PyTuple tuple && deep) {
        List<PyObject> items = new ArrayList<>();
        for (PyObject item : tuple.asIterable()) {
          items.add(copy(item, true));
        }
        return new PyTuple(items.toArray(new PyObject[0]));
      }
      return value;
    }
  }

  /**
   * {@code __pk_lazy__(module, name)}: the stand-in a lazy-import config gets for an imported
   * class or module, as MMEngine's LazyObject; see {@link LazyImport}.
   */
  static final class LazyImportFunction extends PyBuiltinFunctionNarrow {
    LazyImportFunction() {
      super("__pk_lazy__", 2, 2, null);
    }

    @Override
    public PyObject __call__(PyObject module, PyObject name) {
      String m = module.toString();
      return name == Py.None ? new LazyImport(m + "." + m, m) : new LazyImport(m + "." + name, m + "." + name);
    }
  }

  /**
   * An imported name in a lazy-import config ({@code from torch.optim import Adam}): nothing is
   * imported; in the loaded config it is the string MMEngine's {@code to_dict} gives for its
   * LazyObject ({@code 'torch.optim.Adam'}), and its attributes are stand-ins for the dotted path
   * ({@code nn.ReLU} from {@code import torch.nn as nn} is {@code 'torch.nn.ReLU'}). For a module
   * itself MMEngine writes the module name twice ({@code 'torch.torch'}); so does this.
   */
  static final class LazyImport extends PyObject {
    private final String value;
    private final String path;

    LazyImport(String value, String path) {
      this.value = value;
      this.path = path;
    }

    /** What the config holds for it. */
    String value() {
      return value;
    }

    @Override
    public PyObject __findattr_ex__(String name) {
      return new LazyImport(path + "." + name, path + "." + name);
    }

    @Override
    public PyString __repr__() {
      return new PyString(value);
    }

    @Override
    public PyString __str__() {
      return new PyString(value);
    }
  }
}
