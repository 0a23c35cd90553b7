package io.posekit.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads the keys of one config dict for a generated config: values by {@link ValueType}, missing
 * required keys, and keys nobody asked for (with a did-you-mean), all reported to the
 * {@link ConfigReader} with their key paths.
 */
public final class DictReader {
  /** The key every module dict carries; never a parameter. */
  public static final String TYPE_KEY = "type";

  private final ConfigReader reader;
  private final Map<?, ?> dict;
  private final KeyPath path;
  private final String what;
  private final int problemsBefore;

  DictReader(ConfigReader reader, Map<?, ?> dict, KeyPath path, String what) {
    this.reader = reader;
    this.dict = dict;
    this.path = path;
    this.what = what;
    this.problemsBefore = reader.problemCount();
  }

  public KeyPath path() {
    return path;
  }

  public Map<?, ?> dict() {
    return dict;
  }

  public boolean has(String key) {
    return dict.containsKey(key);
  }

  /** True when the key is present with the value {@code None}. */
  public boolean isNone(String key) {
    return dict.containsKey(key) && dict.get(key) == null;
  }

  /** Reads a present key that must not be {@code None}; null (with a problem recorded) otherwise. */
  public <T> T read(String key, ValueType<T> type) {
    Object raw = dict.get(key);
    if (raw == null) {
      reader.problem(
          path.key(key), dict, key, "None is not allowed here, " + type.describe() + " is needed",
          "remove the key to take the default, or give a " + type.describe());
      return null;
    }
    int before = reader.problemCount();
    T value = type.read(raw, path.key(key), reader);
    reader.locateSince(before, dict, key);
    return value;
  }

  /** Reads a required key; a missing key is a problem. */
  public <T> T require(String key, ValueType<T> type) {
    if (!dict.containsKey(key)) {
      reader.problem(
          path.key(key), dict, null, "missing required key '" + key + "' of " + what,
          "add " + key + "=<" + type.describe() + ">");
      return null;
    }
    return read(key, type);
  }

  /** Reports every key that is neither {@code type} nor one of {@code known}, with a did-you-mean. */
  public void rejectUnknownKeys(Collection<String> known) {
    List<String> unknown = new ArrayList<>();
    for (Object key : dict.keySet()) {
      if (!TYPE_KEY.equals(key) && !known.contains(key)) {
        unknown.add(String.valueOf(key));
      }
    }
    for (String key : unknown) {
      String hint = Suggestions.didYouMean(key, known);
      if (hint == null) {
        hint = known.isEmpty() ? what + " takes no keys" : "known keys: " + String.join(", ", known);
      }
      reader.problem(path.key(key), dict, key, "unknown key '" + key + "' for " + what, hint);
    }
  }

  /** True when nothing went wrong while reading this dict (nested dicts included). */
  public boolean ok() {
    return reader.problemCount() == problemsBefore;
  }

  public ConfigReader reader() {
    return reader;
  }
}
