package io.posekit.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Java configs written by {@code config-gen} (or by hand) build plain config trees with:
 * Python dicts keep the order they were written in (unlike {@code Map.of}), lists may hold None.
 * A child config overrides its base with {@link #with}, which copies and keeps key positions, as
 * MMEngine's merge does.
 */
public final class ConfigTrees {
  private ConfigTrees() {}

  /** A dict of {@code key, value, ...} in that order (unmodifiable); keys may be str, int, tuples. */
  public static Map<Object, Object> dict(Object... keysAndValues) {
    return Collections.unmodifiableMap(put(new LinkedHashMap<>(), keysAndValues));
  }

  /** Like {@link #dict}, typed for a {@code Map<String, V>} parameter of a generated config. */
  @SuppressWarnings("unchecked") // the generated caller passes values of the parameter's type
  public static <V> Map<String, V> stringDict(Object... keysAndValues) {
    Map<String, V> out = new LinkedHashMap<>();
    checkPairs(keysAndValues);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** A Python list (unmodifiable; items may be null). */
  public static List<Object> list(Object... items) {
    return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(items)));
  }

  /** An empty, modifiable root dict to put top-level config variables into. */
  public static Map<Object, Object> root() {
    return new LinkedHashMap<>();
  }

  /** A modifiable copy of a root dict (a child config starts from its bases). */
  public static Map<Object, Object> root(Map<Object, Object> base) {
    return new LinkedHashMap<>(base);
  }

  /**
   * A copy of the dict {@code base} with the given keys set: keys it had keep their position, new
   * keys go last (MMEngine's merge of a child dict into its base dict).
   */
  public static Map<Object, Object> with(Object base, Object... keysAndValues) {
    if (!(base instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("cannot merge a dict into a " + describe(base));
    }
    return Collections.unmodifiableMap(put(new LinkedHashMap<>(map), keysAndValues));
  }

  /**
   * The config of a base written {@code scope::path}, as MMEngine gives it to the child: a copy
   * where each outermost dict with a {@code type} has {@code _scope_} set to {@code scope} unless it
   * has a scope already (not None); dicts inside such a dict are left as they are. A typed config is
   * such a dict, already read in its scope, so it is kept as it is.
   */
  public static Map<Object, Object> scoped(Map<Object, Object> base, String scope) {
    return new LinkedHashMap<>((Map<?, ?>) scoped(base, scope, true));
  }

  private static Object scoped(Object value, String scope, boolean outermost) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      boolean inner = outermost && !map.containsKey("type");
      map.forEach((k, v) -> out.put(k, scoped(v, scope, inner)));
      if (outermost && map.containsKey("type") && out.get("_scope_") == null) {
        out.put("_scope_", scope);
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(scoped(v, scope, outermost)));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Tuple tuple) {
      List<Object> out = new ArrayList<>();
      tuple.forEach(v -> out.add(scoped(v, scope, outermost)));
      return Tuple.copyOf(out);
    }
    return value;
  }

  /** The value at {@code keys} below {@code root}, through dicts. */
  public static Object at(Map<?, ?> root, Object... keys) {
    Object current = root;
    for (Object key : keys) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
        throw new IllegalArgumentException("no value at " + Arrays.toString(keys) + " (missing " + key + ")");
      }
      current = map.get(key);
    }
    return current;
  }

  private static Map<Object, Object> put(Map<Object, Object> out, Object[] keysAndValues) {
    checkPairs(keysAndValues);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  private static void checkPairs(Object[] keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected key, value pairs, got " + keysAndValues.length + " items");
    }
  }

  private static String describe(Object value) {
    return value == null ? "None" : value.getClass().getSimpleName();
  }
}
