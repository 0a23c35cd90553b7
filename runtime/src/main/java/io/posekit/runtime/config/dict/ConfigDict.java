package io.posekit.runtime.config.dict;

import io.posekit.spi.LocatedMap;
import io.posekit.spi.SourceLocation;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Python dict in a config: insertion-ordered, keys may be strings or ints (or other hashable
 * config values), values are checked config values. It remembers where it and each of its keys
 * were written, so that later errors can name file and line.
 */
public final class ConfigDict extends AbstractMap<Object, Object> implements LocatedMap {
  private final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();
  private final Map<Object, SourceLocation> keyLocations = new HashMap<>();
  // what later files did to values of earlier ones, oldest first; for print-config --explain
  private final Map<Object, List<KeyOverride>> keyOverrides = new HashMap<>();
  private SourceLocation location;

  public ConfigDict() {}

  public ConfigDict(SourceLocation location) {
    this.location = location;
  }

  /** A dict of the given entries (a convenience for code and tests). */
  public static ConfigDict of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("ConfigDict.of takes key, value pairs");
    }
    ConfigDict dict = new ConfigDict();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      dict.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return dict;
  }

  @Override
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }

  @Override
  public Optional<SourceLocation> locationOf(Object key) {
    SourceLocation own = keyLocations.get(key);
    return own != null ? Optional.of(own) : location();
  }

  /** The location recorded for {@code key} itself, or null when it has only the dict's. */
  public SourceLocation ownLocationOf(Object key) {
    return keyLocations.get(key);
  }

  /** Adds an entry read back from the cache: already a normalized config value. */
  public void putRestored(Object key, Object value, SourceLocation where, List<KeyOverride> overrides) {
    entries.put(key, value);
    if (where != null) {
      keyLocations.put(key, where);
    }
    if (!overrides.isEmpty()) {
      keyOverrides.put(key, overrides);
    }
  }

  /** How the value of {@code key} came to replace values set earlier (bases, then overrides), oldest first. */
  public List<KeyOverride> overridesOf(Object key) {
    return keyOverrides.getOrDefault(key, List.of());
  }

  /** Sets the override history of {@code key} (after a put, which forgets it). */
  public void setOverrides(Object key, List<KeyOverride> overrides) {
    if (overrides.isEmpty()) {
      keyOverrides.remove(key);
    } else {
      keyOverrides.put(ConfigValues.normalizeKey(key), List.copyOf(overrides));
    }
  }

  /**
   * Takes the override history of every key (nested dicts included) that {@code earlier} holds
   * with the same location: the dict was rebuilt (a script edited its {@code _base_}) but the
   * value still is the one written there.
   */
  public void inheritOverrides(ConfigDict earlier) {
    for (Map.Entry<Object, Object> e : entries.entrySet()) {
      Object key = e.getKey();
      if (!earlier.containsKey(key) || !Objects.equals(keyLocations.get(key), earlier.keyLocations.get(key))) {
        continue;
      }
      if (!keyOverrides.containsKey(key) && earlier.keyOverrides.containsKey(key)) {
        keyOverrides.put(key, earlier.keyOverrides.get(key));
      }
      if (e.getValue() instanceof ConfigDict mine && earlier.get(key) instanceof ConfigDict theirs) {
        mine.inheritOverrides(theirs);
      }
    }
  }

  public void setLocation(SourceLocation location) {
    this.location = location;
  }

  /** Sets {@code key} and records where it was written (null: no better place than the dict). */
  public Object put(Object key, Object value, SourceLocation where) {
    Object previous = put(key, value);
    if (where != null) {
      keyLocations.put(ConfigValues.normalizeKey(key), where);
    }
    return previous;
  }

  @Override
  public Object put(Object key, Object value) {
    Object k = ConfigValues.normalizeKey(key);
    keyLocations.remove(k);
    keyOverrides.remove(k);
    return entries.put(k, ConfigValues.normalize(value));
  }

  @Override
  public Object get(Object key) {
    return entries.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public Object remove(Object key) {
    keyLocations.remove(key);
    keyOverrides.remove(key);
    return entries.remove(key);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return new AbstractSetView();
  }

  /** A shallow copy that keeps this dict's and its keys' locations (Python's {@code dict.copy}). */
  public ConfigDict shallowCopy() {
    ConfigDict copy = new ConfigDict(location);
    copy.entries.putAll(entries);
    copy.keyLocations.putAll(keyLocations);
    copy.keyOverrides.putAll(keyOverrides);
    return copy;
  }

  /** A deep copy that keeps every location. */
  public ConfigDict deepCopy() {
    ConfigDict copy = new ConfigDict(location);
    entries.forEach((k, v) -> copy.entries.put(k, ConfigValues.deepCopy(v)));
    copy.keyLocations.putAll(keyLocations);
    copy.keyOverrides.putAll(keyOverrides);
    return copy;
  }

  /** A plain nested copy: LinkedHashMap for dicts, ArrayList for lists, Tuple kept. */
  public Map<Object, Object> toMap() {
    Map<Object, Object> out = new LinkedHashMap<>();
    entries.forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof ConfigDict d) {
      return d.toMap();
    }
    if (value instanceof ConfigList l) {
      return new java.util.ArrayList<>(l.stream().map(ConfigDict::plain).toList());
    }
    return value;
  }

  /** Entry set whose removals also forget the key's location; setValue checks the value. */
  private final class AbstractSetView extends java.util.AbstractSet<Entry<Object, Object>> {
    @Override
    public Iterator<Entry<Object, Object>> iterator() {
      Iterator<Entry<Object, Object>> inner = entries.entrySet().iterator();
      return new Iterator<>() {
        private Entry<Object, Object> last;

        @Override
        public boolean hasNext() {
          return inner.hasNext();
        }

        @Override
        public Entry<Object, Object> next() {
          Entry<Object, Object> e = inner.next();
          last = e;
          return new SimpleEntry<>(e.getKey(), e.getValue()) {
            @Override
            public Object setValue(Object value) {
              Object normalized = ConfigValues.normalize(value);
              super.setValue(normalized);
              return e.setValue(normalized);
            }
          };
        }

        @Override
        public void remove() {
          inner.remove();
          keyLocations.remove(last.getKey());
          keyOverrides.remove(last.getKey());
        }
      };
    }

    @Override
    public int size() {
      return entries.size();
    }
  }
}
