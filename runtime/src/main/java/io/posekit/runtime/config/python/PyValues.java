package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.ConfigValues;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;

/** Converts config values between Java and Jython. */
final class PyValues {
  private PyValues() {}

  /** Thrown for a script value that has no config equivalent (a set, an object...). */
  static final class NotAConfigValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAConfigValue(String message) {
      super(message);
    }
  }

  /** Java -> Python; dicts become attribute-accessible {@link ScriptDict}s (base values). */
  static PyObject toPy(Object value) {
    if (value == null) {
      return Py.None;
    }
    if (value instanceof Boolean b) {
      return b ? Py.True : Py.False;
    }
    if (value instanceof Integer i) {
      return Py.newInteger(i);
    }
    if (value instanceof Long l) {
      return Py.newLong(l);
    }
    if (value instanceof BigInteger b) {
      return Py.newLong(b);
    }
    if (value instanceof Double d) {
      return Py.newFloat(d);
    }
    if (value instanceof String s) {
      return new PyUnicode(s);
    }
    if (value instanceof Tuple t) {
      PyObject[] items = new PyObject[t.size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = toPy(t.get(i));
      }
      return new PyTuple(items);
    }
    if (value instanceof List<?> list) {
      PyList out = new PyList();
      for (Object item : list) {
        out.append(toPy(item));
      }
      return out;
    }
    if (value instanceof ConfigDict dict) {
      ScriptDict out = new ScriptDict(dict.location().orElse(null), true);
      for (Map.Entry<Object, Object> e : dict.entrySet()) {
        out.putLocated(toPy(e.getKey()), toPy(e.getValue()), dict.locationOf(e.getKey()).orElse(null));
      }
      return out;
    }
    throw new IllegalArgumentException("not a config value: " + value.getClass().getName());
  }

  /**
   * Python -> Java. {@code where} is the key path for messages; {@code fallback} locates dicts
   * that the script built without our dict factory.
   */
  static Object toJava(PyObject value, String where, SourceLocation fallback) {
    ScriptBudget.poll(); // a list shared n times converts n times: the load's budget bounds it
    if (value == null || value == Py.None) {
      return null;
    }
    if (value instanceof PyBoolean b) {
      return b.getBooleanValue();
    }
    if (value instanceof PyInteger i) {
      return i.getValue();
    }
    if (value instanceof PyLong l) {
      return ConfigValues.normalize(l.getValue());
    }
    if (value instanceof PyFloat f) {
      return f.getValue();
    }
    if (value instanceof PyUnicode u) {
      return u.getString();
    }
    if (value instanceof PyString s) {
      return s.getString();
    }
    if (value instanceof PyTuple t) {
      List<Object> items = new ArrayList<>(t.size());
      for (int i = 0; i < t.size(); i++) {
        items.add(toJava(t.pyget(i), where + "." + i, fallback));
      }
      return Tuple.copyOf(items);
    }
    if (value instanceof PyList l) {
      ConfigList out = new ConfigList();
      for (int i = 0; i < l.size(); i++) {
        out.add(toJava(l.pyget(i), where + "." + i, fallback));
      }
      return out;
    }
    if (value instanceof PyDictionary || value instanceof PyStringMap) {
      return toConfigDict(value, where, fallback);
    }
    if (value instanceof ScriptFunctions.LazyImport lazy) {
      return lazy.value();
    }
    throw new NotAConfigValue(
        where + ": a value of type '" + value.getType().fastGetName() + "' cannot be kept in a config");
  }

  static ConfigDict toConfigDict(PyObject dict, String where, SourceLocation fallback) {
    ScriptDict located = dict instanceof ScriptDict s ? s : null;
    SourceLocation own = located != null && located.location() != null ? located.location() : fallback;
    ConfigDict out = new ConfigDict(own);
    for (PyObject item : dict.invoke("items").asIterable()) {
      PyObject key = item.__getitem__(0);
      Object javaKey = toJava(key, where, own);
      String path = where.isEmpty() ? String.valueOf(javaKey) : where + "." + javaKey;
      Object javaValue = toJava(item.__getitem__(1), path, own);
      out.put(javaKey, javaValue, located != null ? located.locationOf(key) : null);
    }
    return out;
  }

  /** Functions, classes, modules and other callables: MMEngine drops them from a config. */
  static boolean isCodeObject(PyObject value) {
    return value instanceof org.python.core.PyModule
        || value instanceof org.python.core.PyFunction
        || value instanceof org.python.core.PyType
        || value instanceof org.python.core.PyClass
        || value instanceof org.python.core.PyBuiltinCallable
        || value instanceof org.python.core.PyMethod
        || value instanceof org.python.core.PyReflectedFunction
        || value instanceof org.python.core.PyObjectDerived && value.isCallable();
  }
}
