package io.posekit.tfmodels.models.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A layer config dict ({@code norm_cfg}, {@code act_cfg}, {@code conv_cfg}) as a module receives
 * it: its {@code type} and the other keys, checked against the ones the type accepts, every
 * error naming the config's key path ({@code where}).
 */
record CfgDict(String type, Map<String, Object> args, String where) {
  static CfgDict of(Object cfg, String where) {
    if (!(cfg instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + ": expected a dict with a 'type', got " + cfg);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    m.forEach((k, v) -> args.put(String.valueOf(k), v));
    Object type = args.remove("type");
    if (!(type instanceof String t)) {
      throw new IllegalArgumentException(where + ": the dict must contain the key 'type' (a string), got " + cfg);
    }
    return new CfgDict(t, args, where);
  }

  /** Fails on a key {@code type} does not take. */
  CfgDict accepting(Set<String> keys) {
    for (String k : args.keySet()) {
      if (!keys.contains(k)) {
        throw new IllegalArgumentException(where + "." + k + ": unknown key for type '" + type + "' (accepted: "
            + keys.stream().sorted().toList() + ")");
      }
    }
    return this;
  }

  double number(String key, double otherwise) {
    Object v = args.get(key);
    if (v == null && !args.containsKey(key)) {
      return otherwise;
    }
    if (!(v instanceof Number n) || v instanceof Boolean) {
      throw new IllegalArgumentException(where + "." + key + ": expected a number, got " + v);
    }
    return n.doubleValue();
  }

  boolean flag(String key, boolean otherwise) {
    Object v = args.get(key);
    if (v == null && !args.containsKey(key)) {
      return otherwise;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(where + "." + key + ": expected True or False, got " + v);
    }
    return b;
  }
}
