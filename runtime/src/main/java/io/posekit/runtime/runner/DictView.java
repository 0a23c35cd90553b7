package io.posekit.runtime.runner;

import io.posekit.spi.LocatedMap;
import io.posekit.spi.SourceLocation;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A dict as a module reads it after the runner's hands: without the keys someone other than the
 * module reads (MMEngine's {@code _scope_}, a hook's {@code priority}, ...) and with the defaults
 * the runner fills in ({@code type='OptimWrapper'}, ...); file and line of every written key kept,
 * an added key located at the dict.
 */
final class DictView extends AbstractMap<Object, Object> implements LocatedMap {
  private final Map<?, ?> dict;
  private final Set<String> hidden;
  private final Map<String, Object> added;

  private DictView(Map<?, ?> dict, Set<String> hidden, Map<String, Object> added) {
    this.dict = dict;
    this.hidden = hidden;
    this.added = added;
  }

  static DictView without(Map<?, ?> dict, Set<String> hidden) {
    return new DictView(dict, hidden, Map.of());
  }

  /** {@code dict} without {@code hidden}, with {@code defaults} where it has no such key. */
  static DictView withDefaults(Map<?, ?> dict, Set<String> hidden, Map<String, Object> defaults) {
    Map<String, Object> added = new LinkedHashMap<>();
    defaults.forEach((k, v) -> {
      if (!dict.containsKey(k) || hidden.contains(k)) {
        added.put(k, v);
      }
    });
    return new DictView(dict, hidden, added);
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    Set<Entry<Object, Object>> out = new LinkedHashSet<>();
    added.forEach((k, v) -> out.add(new SimpleImmutableEntry<>(k, v)));
    for (Entry<?, ?> e : dict.entrySet()) {
      if (!hidden.contains(e.getKey())) {
        out.add(new SimpleImmutableEntry<>(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  @Override
  public boolean containsKey(Object key) {
    return added.containsKey(key) || !hidden.contains(key) && dict.containsKey(key);
  }

  @Override
  public Object get(Object key) {
    if (added.containsKey(key)) {
      return added.get(key);
    }
    return hidden.contains(key) ? null : dict.get(key);
  }

  @Override
  public Optional<SourceLocation> location() {
    return dict instanceof LocatedMap located ? located.location() : Optional.empty();
  }

  @Override
  public Optional<SourceLocation> locationOf(Object key) {
    if (added.containsKey(key)) {
      return location();
    }
    return dict instanceof LocatedMap located ? located.locationOf(key) : Optional.empty();
  }
}
