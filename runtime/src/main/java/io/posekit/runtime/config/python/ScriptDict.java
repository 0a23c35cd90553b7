package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.spi.SourceLocation;
import java.util.HashMap;
import java.util.Map;
import org.python.core.PyDictionary;
import org.python.core.PyObject;
import org.python.core.PyUnicode;

/**
 * The dict a config script sees: a real Python {@code dict} (same type, so isinstance works) that
 * keeps insertion order and records where it and its keys were written. Dicts taken from
 * {@code _base_} also allow attribute access ({@code _base_.model.head}) as MMEngine's ConfigDict.
 * Locations live in Java fields, out of reach of the script.
 */
final class ScriptDict extends PyDictionary {
  private final SourceLocation location;
  private final Map<PyObject, SourceLocation> keyLocations = new HashMap<>();
  private final boolean attributeAccess;

  ScriptDict(SourceLocation location, boolean attributeAccess) {
    super(PyDictionary.TYPE, new OrderedConcurrentMap<>(), true);
    this.location = location;
    this.attributeAccess = attributeAccess;
  }

  SourceLocation location() {
    return location;
  }

  boolean hasAttributeAccess() {
    return attributeAccess;
  }

  SourceLocation locationOf(PyObject key) {
    return keyLocations.get(key);
  }

  /** Stores without asking the running frame for a line (used when building from Java). */
  void putLocated(PyObject key, PyObject value, SourceLocation where) {
    super.__setitem__(key, value);
    if (where != null) {
      keyLocations.put(key, where);
    } else {
      keyLocations.remove(key);
    }
  }

  @Override
  public void __setitem__(PyObject key, PyObject value) {
    super.__setitem__(key, value);
    SourceLocation here = ScriptContext.here();
    if (here != null) {
      keyLocations.put(key, here);
    }
  }

  @Override
  public PyObject __findattr_ex__(String name) {
    if ("copy".equals(name)) {
      // Jython's dict.copy builds an unordered dict; a copy keeps order and locations
      return new OrderedCopy(this);
    }
    if ("update".equals(name) && attributeAccess) {
      // a base value is MMEngine's ConfigDict, whose update merges nested dicts
      return new RecursiveUpdate(this);
    }
    PyObject found = super.__findattr_ex__(name);
    if (found == null && attributeAccess) {
      found = __finditem__(new PyUnicode(name));
    }
    return found;
  }

  @Override
  public void __setattr__(String name, PyObject value) {
    if (attributeAccess) {
      __setitem__(new PyUnicode(name), value);
    } else {
      super.__setattr__(name, value);
    }
  }

  @Override
  public void __delattr__(String name) {
    if (attributeAccess) {
      __delitem__(new PyUnicode(name));
    } else {
      super.__delattr__(name);
    }
  }

  /** An insertion-ordered shallow copy with the same locations (MMEngine's ConfigDict.copy keeps its kind too). */
  ScriptDict orderedCopy() {
    ScriptDict copy = new ScriptDict(location, attributeAccess);
    for (PyObject key : asIterable()) {
      copy.putLocated(key, __finditem__(key), keyLocations.get(key));
    }
    return copy;
  }

  /** MMEngine's {@code ConfigDict.update}: a dict given for a key that holds a dict updates it in turn. */
  static void updateRecursively(PyObject target, PyObject other) {
    for (PyObject item : other.invoke("items").asIterable()) {
      PyObject key = item.__getitem__(0);
      PyObject value = item.__getitem__(1);
      PyObject current = target.__finditem__(key);
      if (current instanceof PyDictionary && value instanceof PyDictionary) {
        updateRecursively(current, value);
      } else {
        target.__setitem__(key, value);
      }
    }
  }

  /** {@code d.update(other, **kwargs)} of a base dict, as a builtin function object. */
  private static final class RecursiveUpdate extends org.python.core.PyBuiltinFunctionNarrow {
    private final ScriptDict dict;

    RecursiveUpdate(ScriptDict dict) {
      super("update", 0, -1, "D.update(E, **F): like dict.update, but dicts update dicts");
      this.dict = dict;
    }

    @Override
    public PyObject __call__(PyObject[] args, String[] keywords) {
      int positional = args.length - keywords.length;
      if (positional > 1) {
        throw org.python.core.Py.TypeError("update only accept one positional argument");
      }
      ScriptDict other = new ScriptDict(null, false);
      if (positional == 1) {
        PyObject source = args[0];
        PyObject pairs = source instanceof PyDictionary ? source.invoke("items") : source;
        for (PyObject pair : pairs.asIterable()) {
          other.__setitem__(pair.__getitem__(0), pair.__getitem__(1));
        }
      }
      for (int i = 0; i < keywords.length; i++) {
        other.__setitem__(new PyUnicode(keywords[i]), args[positional + i]);
      }
      updateRecursively(dict, other);
      return org.python.core.Py.None;
    }

    @Override
    public PyObject __call__() {
      return __call__(org.python.core.Py.EmptyObjects, org.python.core.Py.NoKeywords);
    }

    @Override
    public PyObject __call__(PyObject a) {
      return __call__(new PyObject[] {a}, org.python.core.Py.NoKeywords);
    }
  }

  /** {@code d.copy} as the script sees it: a builtin function object, no Java methods reachable. */
  private static final class OrderedCopy extends org.python.core.PyBuiltinFunctionNarrow {
    private final ScriptDict dict;

    OrderedCopy(ScriptDict dict) {
      super("copy", 0, 0, "D.copy() -> a shallow copy of D, in the same order");
      this.dict = dict;
    }

    @Override
    public PyObject __call__() {
      return dict.orderedCopy();
    }
  }
}
