package io.posekit.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A Python tuple in a config, so that {@code input_size=(192, 256)} reads back and dumps as a
 * tuple, not a list, as MMEngine keeps it. Deliberately not a {@link List}: as in Python, a tuple
 * never equals a list with the same items, and {@code List.equals} could not keep that symmetric.
 * {@link #asList()} gives a read-only list view.
 */
public final class Tuple implements Iterable<Object> {
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

  public Object get(int index) {
    return items[index];
  }

  public int size() {
    return items.length;
  }

  /** A read-only list of the items. */
  public List<Object> asList() {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  @Override
  public Iterator<Object> iterator() {
    return asList().iterator();
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
