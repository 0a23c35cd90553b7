package io.posekit.runtime.engine;

import java.util.Locale;

/** MMEngine's hook priorities: lower runs first; equal priorities keep registration order. */
public enum Priority {
  HIGHEST(0), VERY_HIGH(10), HIGH(30), ABOVE_NORMAL(40), NORMAL(50), BELOW_NORMAL(60), LOW(70), VERY_LOW(90), LOWEST(100);

  private final int value;

  Priority(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  /** MMEngine's {@code get_priority}: a name (any case), an int in [0, 100] or a {@link Priority}. */
  public static int of(Object priority) {
    if (priority instanceof Priority p) {
      return p.value;
    }
    if (priority instanceof Integer i) {
      if (i < 0 || i > 100) {
        throw new IllegalArgumentException("priority must be between 0 and 100, got " + i);
      }
      return i;
    }
    if (priority instanceof String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT)).value;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown priority '" + s + "'; use one of HIGHEST, VERY_HIGH, HIGH, ABOVE_NORMAL, NORMAL,"
                + " BELOW_NORMAL, LOW, VERY_LOW, LOWEST or an int in [0, 100]", e);
      }
    }
    throw new IllegalArgumentException("priority must be a name or an int, got " + priority);
  }
}
