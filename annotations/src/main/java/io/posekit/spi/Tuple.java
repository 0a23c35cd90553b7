package io.posekit.spi;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A Python tuple in a config: an immutable list that keeps its tuple-ness, so that
 * {@code input_size=(192, 256)} reads back and dumps as a tuple, not a list, as MMEngine keeps it.
 * Equal only to another tuple with equal elements (a list with the same elements is not equal,
 * as in Python).
 */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
  private static final Tuple EMPTY = new Tuple(new Object[0]);

  private final Object[] items;

  private Tuple(Object[] items) {
    this.items = items;
  }

  public static Tuple of(Object... items) {
    return items.length == 0 ? EMPTY : new Tuple(items.clone());
  }

  public static Tuple copyOf(List<?> items) {
    return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple other && Arrays.equals(items, other.items);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(items) + 7;
  }

  /** The Python literal, {@code (192, 256)} or {@code (3,)}. */
  @Override
  public String toString() {
    return PyRepr.repr(this);
  }
}
