package io.posekit.spi;

/** Python's truth test for config values ({@code _delete_=1} deletes as {@code _delete_=True} does). */
public final class PyTruth {
  private PyTruth() {}

  /** False for None, False, zero and the empty string; true for everything else, as {@code bool(v)}. */
  public static boolean isTrue(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    return true;
  }
}
