package io.posekit.tfmodels.structures;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object of a data file, read with errors that say where it is ({@code file:
 * annotations[3] (id=42): key 'bbox' ...}), so a bad record in a large file can be found.
 */
public final class JsonRecord {
  private final JsonNode node;
  private final String where;

  public JsonRecord(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new CocoFormatException(where + ": expected a JSON object, got " + describe(node));
    }
    this.node = node;
    this.where = where;
  }

  public String where() {
    return where;
  }

  public JsonNode node() {
    return node;
  }

  public boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  private JsonNode required(String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new CocoFormatException(where + ": missing key '" + key + "'");
    }
    return value;
  }

  public long getLong(String key) {
    JsonNode value = required(key);
    if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
      throw new CocoFormatException(where + ": key '" + key + "' must be an integer, got " + describe(value));
    }
    return value.asLong();
  }

  public int getInt(String key) {
    return Math.toIntExact(getLong(key));
  }

  public int getInt(String key, int fallback) {
    return has(key) ? getInt(key) : fallback;
  }

  /** A flag: a JSON boolean, or a number read as Python's truth value (non-zero is true). */
  public boolean getBoolean(String key) {
    JsonNode value = required(key);
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNumber()) {
      return value.asDouble() != 0;
    }
    throw new CocoFormatException(where + ": key '" + key + "' must be a boolean, got " + describe(value));
  }

  public double getDouble(String key) {
    JsonNode value = required(key);
    if (!value.isNumber()) {
      throw new CocoFormatException(where + ": key '" + key + "' must be a number, got " + describe(value));
    }
    return value.asDouble();
  }

  public String getString(String key) {
    JsonNode value = required(key);
    if (!value.isTextual()) {
      throw new CocoFormatException(where + ": key '" + key + "' must be a string, got " + describe(value));
    }
    return value.asText();
  }

  public String getString(String key, String fallback) {
    return has(key) ? getString(key) : fallback;
  }

  /** A list of numbers; {@code expectedLength < 0} accepts any length. */
  public double[] getDoubles(String key, int expectedLength) {
    JsonNode value = required(key);
    if (!value.isArray()) {
      throw new CocoFormatException(where + ": key '" + key + "' must be a list of numbers, got " + describe(value));
    }
    if (expectedLength >= 0 && value.size() != expectedLength) {
      throw new CocoFormatException(
          where + ": key '" + key + "' must have " + expectedLength + " numbers, got " + value.size());
    }
    double[] out = new double[value.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode item = value.get(i);
      if (!item.isNumber()) {
        throw new CocoFormatException(where + ": key '" + key + "'[" + i + "] must be a number, got " + describe(item));
      }
      out[i] = item.asDouble();
    }
    return out;
  }

  /** A list of {@code n} {@code [x, y]} pairs, flattened to {@code x0, y0, x1, y1, ...}. */
  public double[] getPoints(String key, int n) {
    JsonNode value = required(key);
    if (!value.isArray() || value.size() != n) {
      throw new CocoFormatException(where + ": key '" + key + "' must be a list of " + n + " [x, y] pairs, got " + describe(value));
    }
    double[] out = new double[2 * n];
    for (int i = 0; i < n; i++) {
      JsonNode p = value.get(i);
      if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new CocoFormatException(where + ": key '" + key + "'[" + i + "] must be an [x, y] pair of numbers, got " + describe(p));
      }
      out[2 * i] = p.get(0).asDouble();
      out[2 * i + 1] = p.get(1).asDouble();
    }
    return out;
  }

  public List<String> getStrings(String key) {
    JsonNode value = required(key);
    if (!value.isArray()) {
      throw new CocoFormatException(where + ": key '" + key + "' must be a list of strings, got " + describe(value));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw new CocoFormatException(where + ": key '" + key + "'[" + i + "] must be a string");
      }
      out.add(value.get(i).asText());
    }
    return out;
  }

  /** The objects of a list-valued key, each located as {@code key[i]}. */
  public List<JsonRecord> getRecords(String key) {
    JsonNode value = required(key);
    if (!value.isArray()) {
      throw new CocoFormatException(where + ": key '" + key + "' must be a list, got " + describe(value));
    }
    List<JsonRecord> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      out.add(new JsonRecord(value.get(i), where + ": " + key + "[" + i + "]"));
    }
    return out;
  }

  static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase() + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }
}
