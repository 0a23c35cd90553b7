package io.posekit.tfmodels.models.layers;

import io.posekit.spi.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading the free-form arguments MMCV / MMPretrain blocks take ({@code patch_cfg},
 * {@code layer_cfgs}, {@code arch}, ints or pairs): each error names the key path.
 */
public final class ConfigArgs {
  private ConfigArgs() {}

  /** {@code value} as a dict whose keys are all in {@code known}. */
  public static Map<String, Object> dict(Object value, Set<String> known, String where) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + ": expected a dict, got " + value);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    for (String key : out.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(where + "." + key + ": unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return out;
  }

  /** A list or tuple as a list, or null for anything else. */
  public static List<?> sequence(Object value) {
    return value instanceof Tuple t ? t.asList() : value instanceof List<?> l ? l : null;
  }

  public static int integer(Object value, String where) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException(where + ": expected an int, got " + value);
  }

  public static double number(Object value, String where) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(where + ": expected a number, got " + value);
  }

  public static boolean bool(Object value, String where) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(where + ": expected True or False, got " + value);
  }

  /** MMCV's {@code to_2tuple}: an int repeated, or a pair of ints. */
  public static int[] pair(Object value, String where) {
    List<?> items = sequence(value);
    if (items == null) {
      int v = integer(value, where);
      return new int[] {v, v};
    }
    if (items.size() != 2) {
      throw new IllegalArgumentException(where + ": expected an int or a pair of ints, got " + value);
    }
    return new int[] {integer(items.get(0), where + "[0]"), integer(items.get(1), where + "[1]")};
  }

  /** An int or a sequence of ints. */
  public static int[] ints(Object value, String where) {
    List<?> items = sequence(value);
    if (items == null) {
      return new int[] {integer(value, where)};
    }
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = integer(items.get(i), where + "[" + i + "]");
    }
    return out;
  }
}
