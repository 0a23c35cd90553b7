package io.posekit.runtime.config.dict;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A Python list in a config. Every element written into it is checked to be a config value. */
public final class ConfigList extends AbstractList<Object> implements java.util.RandomAccess {
  private final ArrayList<Object> items = new ArrayList<>();

  public ConfigList() {}

  public ConfigList(Collection<?> items) {
    for (Object item : items) {
      add(item);
    }
  }

  public static ConfigList of(Object... items) {
    return new ConfigList(List.of(items));
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public Object set(int index, Object element) {
    return items.set(index, ConfigValues.normalize(element));
  }

  @Override
  public void add(int index, Object element) {
    items.add(index, ConfigValues.normalize(element));
  }

  @Override
  public Object remove(int index) {
    return items.remove(index);
  }
}
