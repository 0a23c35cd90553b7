package io.posekit.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a value sits in a config: {@code model.head.loss.use_target_weight}. List indices are
 * written as plain segments ({@code train_dataloader.dataset.pipeline.2.input_size}), the same
 * syntax {@code --cfg-options} takes.
 */
public final class KeyPath {
  private static final KeyPath ROOT = new KeyPath(List.of());

  private final List<String> segments;

  private KeyPath(List<String> segments) {
    this.segments = segments;
  }

  public static KeyPath root() {
    return ROOT;
  }

  /** Parses a dotted path; an empty string is the root. */
  public static KeyPath parse(String dotted) {
    if (dotted.isEmpty()) {
      return ROOT;
    }
    return new KeyPath(List.of(dotted.split("\\.", -1)));
  }

  public KeyPath key(String key) {
    List<String> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(key);
    return new KeyPath(Collections.unmodifiableList(next));
  }

  public KeyPath index(int index) {
    return key(Integer.toString(index));
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  public List<String> segments() {
    return segments;
  }

  /** The last segment, or the empty string at the root. */
  public String last() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPath other && other.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  /** The dotted form; {@code <root>} for the root. */
  @Override
  public String toString() {
    return segments.isEmpty() ? "<root>" : String.join(".", segments);
  }
}
