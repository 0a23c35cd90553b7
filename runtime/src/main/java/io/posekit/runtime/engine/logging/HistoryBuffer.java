package io.posekit.runtime.engine.logging;

import java.util.ArrayDeque;
import java.util.Iterator;

/** MMEngine's {@code HistoryBuffer}: the recent values of one scalar, for window means. */
public final class HistoryBuffer {
  private final int maxLength;
  private final ArrayDeque<Double> values = new ArrayDeque<>();

  public HistoryBuffer(int maxLength) {
    this.maxLength = maxLength;
  }

  public void update(double value) {
    values.addLast(value);
    if (values.size() > maxLength) {
      values.removeFirst();
    }
  }

  public double current() {
    if (values.isEmpty()) {
      throw new IllegalStateException("history buffer is empty");
    }
    return values.peekLast();
  }

  /** Mean of the last {@code window} values (all when fewer). */
  public double mean(int window) {
    if (values.isEmpty()) {
      throw new IllegalStateException("history buffer is empty");
    }
    int n = Math.min(window, values.size());
    double sum = 0;
    Iterator<Double> it = values.descendingIterator();
    for (int i = 0; i < n; i++) {
      sum += it.next();
    }
    return sum / n;
  }

  /** The kept values, oldest first (MMEngine's {@code data}). */
  public java.util.List<Double> values() {
    return java.util.List.copyOf(values);
  }

  public int size() {
    return values.size();
  }
}
