package io.posekit.runtime.config.python;

import io.posekit.runtime.config.Config;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * An insertion-ordered map with the ConcurrentMap interface Jython's dict needs for its backing
 * store: Jython 2.7 dicts are hash-ordered, Python 3.7 dicts (and MMEngine's key order) are not.
 * Config scripts run on one thread, so plain LinkedHashMap semantics are enough.
 */
final class OrderedConcurrentMap<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {
  private final LinkedHashMap<K, V> map = new LinkedHashMap<>();

  @Override
  public Set<Entry<K, V>> entrySet() {
    return map.entrySet();
  }

  @Override
  public V get(Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public V put(K key, V value) {
    return map.put(key, value);
  }

  @Override
  public V remove(Object key) {
    return map.remove(key);
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return map.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(Object key, Object value) {
    return map.remove(key, value);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return map.replace(key, oldValue, newValue);
  }

  @Override
  public V replace(K key, V value) {
    return map.replace(key, value);
  }
}
