package io.posekit.runtime.config.dict;

import io.posekit.spi.PyRepr;
import io.posekit.spi.Tuple;
import java.util.List;
import java.util.Map;

/**
 * Writes a config as Python source in the style of MMEngine's pretty text: one assignment per
 * top-level key, {@code dict(...)} for identifier keys, {@code {...}} otherwise; a dict that holds
 * dicts, a list of dicts and any value too long for a line take one item per indented line. The
 * output reads back (in MMEngine too) to the same values.
 */
public final class PythonLiteralWriter {
  private static final int WIDTH = 79;
  private static final String INDENT = "    ";

  private PythonLiteralWriter() {}

  public static String write(ConfigDict config) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Object, Object> e : config.entrySet()) {
      if (!PyRepr.isIdentifier(e.getKey())) {
        throw new IllegalArgumentException("top-level key " + PyRepr.repr(e.getKey()) + " is not a Python identifier");
      }
      String head = e.getKey() + " = ";
      out.append(head).append(value(e.getValue(), "", head.length())).append('\n');
    }
    return out.toString();
  }

  private static String value(Object v, String indent, int used) {
    String flat = flat(v);
    boolean fits = indent.length() + used + flat.length() <= WIDTH;
    if ((fits && !holdsDict(v)) || !(v instanceof Map || v instanceof List || v instanceof Tuple)) {
      return flat;
    }
    String inner = indent + INDENT;
    StringBuilder out = new StringBuilder();
    if (v instanceof Map<?, ?> map) {
      boolean keywords = map.keySet().stream().allMatch(PyRepr::isIdentifier);
      out.append(keywords ? "dict(\n" : "{\n");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String head = keywords ? e.getKey() + "=" : flat(e.getKey()) + ": ";
        out.append(inner).append(head).append(value(e.getValue(), inner, head.length() + 1)).append(",\n");
      }
      return out.append(indent).append(keywords ? ")" : "}").toString();
    }
    List<?> items = v instanceof Tuple t ? t.asList() : (List<?>) v;
    out.append(v instanceof Tuple ? "(\n" : "[\n");
    for (Object item : items) {
      out.append(inner).append(value(item, inner, 1)).append(",\n");
    }
    return out.append(indent).append(v instanceof Tuple ? ")" : "]").toString();
  }

  /** A dict in a dict, or a dict in a list: as in MMEngine's pretty text, such values take one line per item. */
  private static boolean holdsDict(Object v) {
    Iterable<?> items = v instanceof Map<?, ?> map ? map.values() : v instanceof Tuple t ? t.asList()
        : v instanceof List<?> l ? l : List.of();
    for (Object item : items) {
      if (item instanceof Map || (v instanceof Map && (item instanceof List || item instanceof Tuple) && holdsDict(item))) {
        return true;
      }
    }
    return false;
  }

  /** One-line literal; non-finite floats as float('inf') so that the text stays valid Python. */
  public static String flat(Object v) {
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return "float('" + PyRepr.reprFloat(d) + "')";
    }
    if (v instanceof Map<?, ?> map) {
      boolean keywords = map.keySet().stream().allMatch(PyRepr::isIdentifier);
      StringBuilder out = new StringBuilder(keywords ? "dict(" : "{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        out.append(keywords ? e.getKey() + "=" : flat(e.getKey()) + ": ").append(flat(e.getValue()));
      }
      return out.append(keywords ? ")" : "}").toString();
    }
    if (v instanceof Tuple t) {
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < t.size(); i++) {
        out.append(i > 0 ? ", " : "").append(flat(t.get(i)));
      }
      return out.append(t.size() == 1 ? ",)" : ")").toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        out.append(i > 0 ? ", " : "").append(flat(l.get(i)));
      }
      return out.append("]").toString();
    }
    return PyRepr.repr(v);
  }
}
