package io.posekit.runtime.runner;

import io.posekit.spi.LocatedMap;
import io.posekit.spi.SourceLocation;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dict without some keys that are read by someone other than the module (MMEngine's
 * {@code _scope_}, a hook's {@code priority}, ...), file and line of every key kept.
 */
final class DictWithoutKeys extends AbstractMap<Object, Object> implements LocatedMap {
  private final Map<?, ?> dict;
  private final Set<String> hidden;

  DictWithoutKeys(Map<?, ?> dict, Set<String> hidden) {
    this.dict = dict;
    this.hidden = hidden;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return dict.entrySet().stream()
        .filter(e -> !hidden.contains(e.getKey()))
        .map(e -> new SimpleImmutableEntry<Object, Object>(e.getKey(), e.getValue()))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  @Override
  public boolean containsKey(Object key) {
    return !hidden.contains(key) && dict.containsKey(key);
  }

  @Override
  public Object get(Object key) {
    return hidden.contains(key) ? null : dict.get(key);
  }

  @Override
  public Optional<SourceLocation> location() {
    return dict instanceof LocatedMap located ? located.location() : Optional.empty();
  }

  @Override
  public Optional<SourceLocation> locationOf(Object key) {
    return dict instanceof LocatedMap located ? located.locationOf(key) : Optional.empty();
  }
}
