package io.posekit.runtime.config.python;

import java.math.BigInteger;
import org.python.core.Py;
import org.python.core.PyIterator;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyXRange;

/**
 * Iteration that checks the load's {@link ScriptBudget} as it goes. A builtin that loops in Java
 * ({@code list(xrange(10 ** 10))}, {@code sum(...)}, {@code map(x.append, x)}, {@code
 * x.extend(iter(x))}) runs no line of the config that the budget could stop at; so in the sandbox
 * the lazy sources ({@code xrange}, {@code iter}) and the builtins that consume iterables hand out
 * iterators that poll the budget at every item, and {@code range} charges its list first.
 */
final class ScriptIteration {
  private ScriptIteration() {}

  /** An iterator that polls the budget before each item of {@code inner}. */
  static final class CheckedIterator extends PyIterator {
    private final PyObject inner;

    CheckedIterator(PyObject inner) {
      this.inner = inner;
    }

    @Override
    public PyObject __iternext__() {
      ScriptBudget.poll();
      return inner.__iternext__();
    }
  }

  /** Jython's xrange whose iterators (forwards and reversed) are checked; length and indexing as before. */
  static final class CheckedXRange extends PyXRange {
    CheckedXRange(int start, int stop, int step) {
      super(start, stop, step);
    }

    @Override
    public PyObject __iter__() {
      return xrange___iter__();
    }

    @Override
    public PyObject xrange___iter__() {
      return new CheckedIterator(super.xrange___iter__());
    }

    @Override
    public PyObject xrange___reversed__() {
      return new CheckedIterator(super.xrange___reversed__());
    }
  }

  /** {@code xrange(...)}: Jython's checks and messages, then a {@link CheckedXRange} of the same numbers. */
  static final class XRange extends ScriptFunctions.VarargsFunction {
    private final PyObject xrange;

    XRange(PyObject xrange) {
      super("xrange", null);
      this.xrange = xrange;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      PyObject made = xrange.__call__(args, keywords);
      PyObject numbers = made.__reduce__().__getitem__(1); // (start, stop, step)
      return new CheckedXRange(numbers.__getitem__(0).asInt(), numbers.__getitem__(1).asInt(),
          numbers.__getitem__(2).asInt());
    }
  }

  /** {@code range(...)}: Python 2's list, charged before it is made (a slot and an int per item). */
  static final class Range extends ScriptFunctions.VarargsFunction {
    private final PyObject range;

    Range(PyObject range) {
      super("range", null);
      this.range = range;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      ScriptBudget.charge(length(args), "range()");
      return range.__call__(args, keywords);
    }

    private static long length(PyObject[] args) {
      BigInteger start = BigInteger.ZERO;
      BigInteger step = BigInteger.ONE;
      BigInteger stop;
      BigInteger[] numbers = new BigInteger[args.length];
      for (int i = 0; i < args.length; i++) {
        numbers[i] = ScriptAllocations.integer(args[i]);
        if (numbers[i] == null) {
          return 0; // range reports the wrong argument itself
        }
      }
      if (args.length == 1) {
        stop = numbers[0];
      } else if (args.length >= 2) {
        start = numbers[0];
        stop = numbers[1];
        step = args.length > 2 ? numbers[2] : step;
      } else {
        return 0;
      }
      if (step.signum() == 0) {
        return 0;
      }
      BigInteger span = step.signum() > 0 ? stop.subtract(start) : start.subtract(stop);
      BigInteger by = step.abs();
      BigInteger count = span.signum() <= 0 ? BigInteger.ZERO : span.add(by).subtract(BigInteger.ONE).divide(by);
      BigInteger bytes = count.multiply(BigInteger.valueOf(32));
      return bytes.bitLength() < 63 ? bytes.longValue() : Long.MAX_VALUE;
    }
  }

  /** {@code iter(x)} and {@code iter(f, sentinel)}: Jython's iterator, checked. */
  static final class Iter extends ScriptFunctions.VarargsFunction {
    private final PyObject iter;

    Iter(PyObject iter) {
      super("iter", null);
      this.iter = iter;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      return new CheckedIterator(iter.__call__(args, keywords));
    }
  }

  /**
   * A builtin that consumes iterables ({@code map}, {@code sum}, ...), called with checked
   * iterators in place of its iterable arguments: those from index {@code first} on, up to
   * {@code count} of them (-1: all); only when it is given exactly {@code whenPositional}
   * positional arguments, if that is not -1 ({@code max(xs)} iterates, {@code max(a, b)} does not).
   */
  static final class Consuming extends ScriptFunctions.VarargsFunction {
    private final PyObject builtin;
    private final int first;
    private final int count;
    private final int whenPositional;

    Consuming(String name, PyObject builtin, int first, int count, int whenPositional) {
      super(name, null);
      this.builtin = builtin;
      this.first = first;
      this.count = count;
      this.whenPositional = whenPositional;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      int positional = args.length - keywords.length;
      if (whenPositional < 0 || positional == whenPositional) {
        args = args.clone();
        int last = count < 0 ? positional : Math.min(positional, first + count);
        for (int i = first; i < last; i++) {
          if (args[i] instanceof PyString || args[i] instanceof PyTuple) {
            continue; // immutable: its length is all it can give, and filter keeps its type
          }
          args[i] = new CheckedIterator(Py.iter(args[i], "'" + args[i].getType().fastGetName() + "' object is not iterable"));
        }
      }
      return builtin.__call__(args, keywords);
    }
  }

  /** The items of an iterable as a list, checking the budget at each. */
  static PyList materialize(PyObject iterable) {
    if (iterable instanceof PyList || iterable instanceof PyTuple) {
      return new PyList(iterable);
    }
    PyList out = new PyList();
    for (PyObject item : new CheckedIterator(Py.iter(iterable, "can only join an iterable")).asIterable()) {
      out.append(item);
    }
    return out;
  }
}
