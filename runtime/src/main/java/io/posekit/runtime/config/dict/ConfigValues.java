package io.posekit.runtime.config.dict;

import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The value types a config holds, and the one place that checks and copies them. */
public final class ConfigValues {
  private ConfigValues() {}

  /**
   * Turns {@code value} into a config value: maps become {@link ConfigDict}, lists {@link
   * ConfigList}, small integral types Integer, floats Double. Anything else is refused, so that a
   * config always dumps back to Python, JSON and YAML.
   */
  public static Object normalize(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Double
        || value instanceof ConfigDict
        || value instanceof ConfigList) {
      return value;
    }
    if (value instanceof Long l) {
      return l == l.intValue() ? Integer.valueOf(l.intValue()) : l;
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 32 ? Integer.valueOf(b.intValue())
          : b.bitLength() < 64 ? Long.valueOf(b.longValue()) : b;
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).intValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    if (value instanceof Tuple t) {
      List<Object> items = new ArrayList<>(t.size());
      for (Object item : t) {
        items.add(normalize(item));
      }
      return Tuple.copyOf(items);
    }
    if (value instanceof Map<?, ?> map) {
      ConfigDict dict = new ConfigDict();
      map.forEach((k, v) -> dict.put(normalizeKey(k), v));
      return dict;
    }
    if (value instanceof List<?> list) {
      return new ConfigList(list);
    }
    throw new IllegalArgumentException(
        "not a config value: " + value.getClass().getName() + " (" + value + ")");
  }

  /** Dict keys are str, int, float, bool, None or tuples of those, as in Python. */
  static Object normalizeKey(Object key) {
    Object normalized = normalize(key);
    if (normalized instanceof ConfigDict || normalized instanceof ConfigList) {
      throw new IllegalArgumentException("unhashable dict key: " + key);
    }
    return normalized;
  }

  /** A deep copy: dicts (with their locations) and lists are copied, immutable values shared. */
  public static Object deepCopy(Object value) {
    if (value instanceof ConfigDict d) {
      return d.deepCopy();
    }
    if (value instanceof ConfigList l) {
      ConfigList copy = new ConfigList();
      for (Object item : l) {
        copy.add(deepCopy(item));
      }
      return copy;
    }
    if (value instanceof Tuple t) {
      List<Object> items = new ArrayList<>(t.size());
      for (Object item : t) {
        items.add(deepCopy(item));
      }
      return Tuple.copyOf(items);
    }
    return value;
  }

  /** Python's name for the type of a config value, for messages. */
  public static String pythonTypeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof ConfigDict) {
      return "dict";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Tuple) {
      return "tuple";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double) {
      return "float";
    }
    return "int";
  }
}
