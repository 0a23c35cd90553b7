package io.posekit.tfmodels.visualization;

import io.posekit.spi.Tuple;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/** Colour values as configs write them: a name ({@code 'red'}), an RGB triple, or a list of either (one per item). */
final class Colors {
  private static final Map<String, Color> NAMES =
      Map.ofEntries(
          Map.entry("red", new Color(255, 0, 0)),
          Map.entry("green", new Color(0, 255, 0)),
          Map.entry("blue", new Color(0, 0, 255)),
          Map.entry("white", new Color(255, 255, 255)),
          Map.entry("black", new Color(0, 0, 0)),
          Map.entry("yellow", new Color(255, 255, 0)),
          Map.entry("cyan", new Color(0, 255, 255)),
          Map.entry("magenta", new Color(255, 0, 255)),
          Map.entry("orange", new Color(255, 165, 0)),
          Map.entry("gray", new Color(128, 128, 128)));

  private Colors() {}

  private static List<Object> items(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Tuple t) {
      return new ArrayList<>(t.asList());
    }
    return null;
  }

  /** One colour, or null when {@code v} is not a single colour. */
  static @Nullable Color single(@Nullable Object v, String where) {
    if (v instanceof Color c) {
      return c;
    }
    if (v instanceof String s) {
      Color c = NAMES.get(s);
      if (c == null) {
        throw new IllegalArgumentException(where + ": unknown colour '" + s + "' (known: " + NAMES.keySet() + ")");
      }
      return c;
    }
    if (v instanceof int[] rgb && rgb.length == 3) {
      return new Color(rgb[0], rgb[1], rgb[2]);
    }
    List<Object> items = v == null ? null : items(v);
    if (items != null && items.size() == 3 && items.stream().allMatch(o -> o instanceof Number)) {
      return new Color(
          ((Number) items.get(0)).intValue(), ((Number) items.get(1)).intValue(), ((Number) items.get(2)).intValue());
    }
    return null;
  }

  /**
   * {@code n} colours from a config value: one colour for all, or a list of {@code n}; a list of
   * int[] (a data set's meta) works too.
   */
  static Color[] forEach(@Nullable Object v, int n, String where) {
    Color[] out = new Color[n];
    Color one = single(v, where);
    if (one != null) {
      java.util.Arrays.fill(out, one);
      return out;
    }
    List<Object> items = v == null ? null : items(v);
    if (items == null) {
      throw new IllegalArgumentException(where + ": expected a colour or a list of colours, got " + v);
    }
    if (items.size() != n) {
      throw new IllegalArgumentException(where + ": " + items.size() + " colours for " + n + " items");
    }
    for (int i = 0; i < n; i++) {
      Color c = single(items.get(i), where + "[" + i + "]");
      if (c == null) {
        throw new IllegalArgumentException(where + "[" + i + "]: not a colour: " + items.get(i));
      }
      out[i] = c;
    }
    return out;
  }
}
