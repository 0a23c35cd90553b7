package io.posekit.runtime.config.python;

import java.math.BigInteger;
import java.util.Set;
import org.python.core.Py;
import org.python.core.PyBuiltinFunctionNarrow;
import org.python.core.PyDictionary;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyType;
import org.python.core.PyUnicode;
import org.python.core.stringlib.InternalFormat;

/**
 * The sandbox's operations whose result size an integer decides, so that one call can allocate
 * gigabytes before any line of the config runs again ({@code 'x' * 2 ** 30}, {@code 10 ** 10 **
 * 10}, {@code 1 << 2 ** 40}, {@code '%2000000000d' % 1}, {@code s.ljust(2 ** 31)}, {@code
 * sep.join(...)}, {@code s.replace('', t)}): the compiler rewrites them into calls of these
 * builtins ({@code __pk_mul__(a, b)}, ...), which estimate the bytes of the result and charge them
 * to the load's {@link ScriptBudget} before computing it. Estimates err on the large side: two
 * bytes a character, eight a list slot.
 */
final class ScriptAllocations {
  private static final long CHAR = 2;
  private static final long SLOT = 8;

  private ScriptAllocations() {}

  /** The operators the compiler routes through here, as their Python symbols. */
  enum Op {
    MUL("*"), POW("**"), LSHIFT("<<"), MOD("%");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    PyObject apply(PyObject a, PyObject b) {
      return switch (this) {
        case MUL -> a._mul(b);
        case POW -> a._pow(b);
        case LSHIFT -> a._lshift(b);
        case MOD -> a._mod(b);
      };
    }

    /** Bytes the result of {@code a op b} may take, 0 when small or not ours to judge. */
    long estimate(PyObject a, PyObject b) {
      BigInteger x = integer(a);
      BigInteger y = integer(b);
      return switch (this) {
        case MUL -> {
          if (x != null && y != null) {
            yield (x.bitLength() + y.bitLength()) / 8L;
          }
          long ua = unit(a);
          long ub = unit(b);
          if (ua > 0 && y != null) {
            yield times(BigInteger.valueOf(a.__len__()).multiply(BigInteger.valueOf(ua)), y);
          }
          yield ub > 0 && x != null ? times(BigInteger.valueOf(b.__len__()).multiply(BigInteger.valueOf(ub)), x) : 0;
        }
        case POW -> x != null && y != null && y.signum() > 0 && x.abs().compareTo(BigInteger.ONE) > 0
            ? times(BigInteger.valueOf(x.bitLength()), y) / 8 : 0;
        case LSHIFT -> x != null && y != null && y.signum() > 0 && x.signum() != 0
            ? saturated(y.add(BigInteger.valueOf(x.bitLength())).shiftRight(3)) : 0;
        case MOD -> a instanceof PyString s ? CHAR * percentFormatWidths(s.getString(), b) : 0;
      };
    }
  }

  /**
   * {@code __pk_mul__(a, b)} and friends: {@code a op b} after charging its size; the in-place
   * form ({@code __pk_imul__(x, b)} for {@code x *= b}) only charges and returns {@code b}, so the
   * statement keeps its in-place meaning.
   */
  static final class Guarded extends PyBuiltinFunctionNarrow {
    private final Op op;
    private final boolean inPlace;

    Guarded(Op op, boolean inPlace) {
      super(builtinName(op, inPlace), 2, 2, null);
      this.op = op;
      this.inPlace = inPlace;
    }

    /** The name config_compiler.py's AllocationRewriter calls it by. */
    static String builtinName(Op op, boolean inPlace) {
      return "__pk_" + (inPlace ? "i" : "") + op.name().toLowerCase(java.util.Locale.ROOT) + "__";
    }

    @Override
    public PyObject __call__(PyObject a, PyObject b) {
      ScriptBudget.charge(op.estimate(a, b), "'" + op.symbol + "'");
      return inPlace ? b : op.apply(a, b);
    }
  }

  /** {@code pow(x, y[, z])}: with a modulus the result is small; without, charged as {@code **}. */
  static final class Pow extends PyBuiltinFunctionNarrow {
    private final PyObject pow;

    Pow(PyObject pow) {
      super("pow", 2, 3, null);
      this.pow = pow;
    }

    @Override
    public PyObject __call__(PyObject x, PyObject y) {
      ScriptBudget.charge(Op.POW.estimate(x, y), "pow()");
      return pow.__call__(x, y);
    }

    @Override
    public PyObject __call__(PyObject x, PyObject y, PyObject z) {
      if (z == Py.None) {
        return __call__(x, y);
      }
      return pow.__call__(x, y, z);
    }
  }

  /** {@code format(value, spec)}: charged for the spec's width and precision. */
  static final class Format extends PyBuiltinFunctionNarrow {
    private final PyObject format;

    Format(PyObject format) {
      super("format", 1, 2, null);
      this.format = format;
    }

    @Override
    public PyObject __call__(PyObject value) {
      return format.__call__(value);
    }

    @Override
    public PyObject __call__(PyObject value, PyObject spec) {
      if (spec instanceof PyString s) {
        ScriptBudget.charge(CHAR * specWidths(s.getString()), "format()");
      }
      return format.__call__(value, spec);
    }
  }

  /** The string methods whose result an argument can make huge. */
  static final Set<String> SIZED_METHODS = Set.of("ljust", "rjust", "center", "zfill", "expandtabs", "join",
      "replace", "translate");

  /** {@code __pk_method__(x, 'ljust')}: {@code x.ljust}, charged when x is a string or the string type. */
  static final class MethodAttribute extends PyBuiltinFunctionNarrow {
    MethodAttribute() {
      super("__pk_method__", 2, 2, null);
    }

    @Override
    public PyObject __call__(PyObject target, PyObject name) {
      String method = name.toString();
      if (SIZED_METHODS.contains(method)) {
        if (target instanceof PyString) {
          return new SizedMethod(target, method);
        }
        if (target instanceof PyType type && (type.isSubType(PyString.TYPE) || type.isSubType(PyUnicode.TYPE))) {
          return new SizedMethod(null, method); // str.ljust(s, n)
        }
      }
      return target.__getattr__(method);
    }
  }

  /** A string's sized method, bound to {@code self} or, when null, taking it as first argument. */
  static final class SizedMethod extends ScriptFunctions.VarargsFunction {
    private final PyObject self;
    private final String method;

    SizedMethod(PyObject self, String method) {
      super(method, null);
      this.self = self;
      this.method = method;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      PyObject target = self;
      PyObject[] rest = args;
      if (target == null) {
        if (args.length - keywords.length < 1 || !(args[0] instanceof PyString)) {
          throw Py.TypeError("descriptor '" + method + "' requires a string as its first argument");
        }
        target = args[0];
        rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      }
      PyString s = (PyString) target;
      int positional = rest.length - keywords.length;
      if (method.equals("join") && positional == 1) {
        PyList items = ScriptIteration.materialize(rest[0]);
        ScriptBudget.charge(CHAR * joinedLength(s, items), "str.join");
        return s.__getattr__("join").__call__(items);
      }
      ScriptBudget.charge(CHAR * resultLength(s, rest, positional), "str." + method + "()");
      return s.__getattr__(method).__call__(rest, keywords);
    }

    private long resultLength(PyString s, PyObject[] args, int positional) {
      long length = s.__len__();
      switch (method) {
        case "ljust", "rjust", "center", "zfill" -> {
          BigInteger width = positional > 0 ? integer(args[0]) : null;
          return width == null ? length : Math.max(length, saturated(width));
        }
        case "expandtabs" -> {
          BigInteger tab = positional > 0 ? integer(args[0]) : BigInteger.valueOf(8);
          return tab == null ? length : times(BigInteger.valueOf(length), tab.max(BigInteger.ONE));
        }
        case "replace" -> {
          if (positional < 2 || !(args[0] instanceof PyString old) || !(args[1] instanceof PyString now)) {
            return length;
          }
          long growth = now.__len__() - old.__len__();
          if (growth <= 0) {
            return length;
          }
          long count = old.__len__() == 0 ? length + 1 : s.invoke("count", old).asLong();
          BigInteger limit = positional > 2 ? integer(args[2]) : null;
          if (limit != null && limit.signum() >= 0) {
            count = Math.min(count, saturated(limit));
          }
          return saturated(BigInteger.valueOf(count).multiply(BigInteger.valueOf(growth)).add(BigInteger.valueOf(length)));
        }
        case "translate" -> {
          long longest = 1;
          if (positional > 0 && args[0] instanceof PyDictionary table) {
            for (PyObject value : table.getMap().values()) {
              if (value instanceof PyString v) {
                longest = Math.max(longest, v.__len__());
              }
            }
          }
          return times(BigInteger.valueOf(length), BigInteger.valueOf(longest));
        }
        default -> {
          return length;
        }
      }
    }
  }

  private static long joinedLength(PyString separator, PyList items) {
    BigInteger total = BigInteger.valueOf((long) separator.__len__() * Math.max(0, items.size() - 1));
    for (PyObject item : items.getArray()) {
      if (item instanceof PyString s) {
        total = total.add(BigInteger.valueOf(s.__len__()));
      }
    }
    return saturated(total);
  }

  /**
   * The characters the widths and precisions of a {@code %} format ask for ({@code '%*d' % (n, 1)}
   * reads n from the arguments), plus the format's own length.
   */
  static long percentFormatWidths(String format, PyObject args) {
    PyObject[] positional = args instanceof PyTuple t ? t.getArray() : new PyObject[] {args};
    int next = 0;
    BigInteger total = BigInteger.valueOf(format.length());
    int i = 0;
    int n = format.length();
    while (i < n) {
      if (format.charAt(i++) != '%') {
        continue;
      }
      if (i < n && format.charAt(i) == '%') {
        i++;
        continue;
      }
      if (i < n && format.charAt(i) == '(') {
        int depth = 1;
        for (i++; i < n && depth > 0; i++) {
          depth += format.charAt(i) == '(' ? 1 : format.charAt(i) == ')' ? -1 : 0;
        }
      }
      while (i < n && "#0- +".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      for (int part = 0; part < 2; part++) {
        if (i < n && format.charAt(i) == '*') {
          i++;
          BigInteger star = next < positional.length ? integer(positional[next]) : null;
          next++;
          if (star != null) {
            total = total.add(star.abs());
          }
        } else {
          int start = i;
          while (i < n && Character.isDigit(format.charAt(i))) {
            i++;
          }
          if (i > start) {
            total = total.add(new BigInteger(format.substring(start, i)));
          }
        }
        if (part == 0 && i < n && format.charAt(i) == '.') {
          i++;
        } else {
          break;
        }
      }
      while (i < n && "hlL".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      i++; // the conversion
      next++;
    }
    return saturated(total);
  }

  /** Width plus precision of a format spec ({@code '>1000000000'}); 0 when it does not parse. */
  static long specWidths(String spec) {
    try {
      InternalFormat.Spec parsed = InternalFormat.fromText(spec);
      return Math.max(0, parsed.width) + (long) Math.max(0, parsed.precision);
    } catch (RuntimeException notASpec) {
      return 0; // format itself reports it
    }
  }

  /** The value of an int or long, or null for anything else. */
  static BigInteger integer(PyObject value) {
    if (value instanceof PyInteger i) {
      return BigInteger.valueOf(i.getValue());
    }
    if (value instanceof PyLong l) {
      return l.getValue();
    }
    return null;
  }

  /** Bytes one item of a repeatable sequence takes, 0 when {@code value} is none. */
  private static long unit(PyObject value) {
    if (value instanceof PyString) {
      return CHAR;
    }
    return value instanceof PyList || value instanceof PyTuple ? SLOT : 0;
  }

  private static long times(BigInteger a, BigInteger b) {
    return b.signum() <= 0 ? 0 : saturated(a.multiply(b));
  }

  static long saturated(BigInteger value) {
    return value.bitLength() < 63 ? value.longValue() : Long.MAX_VALUE;
  }
}
