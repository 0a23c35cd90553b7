package io.posekit.runtime.config;

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
