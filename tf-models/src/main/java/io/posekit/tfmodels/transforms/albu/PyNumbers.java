package io.posekit.tfmodels.transforms.albu;

import io.posekit.annotations.Nullable;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.List;

/**
 * Albumentations tells ints from floats ({@code max_height=40} is pixels, {@code 0.4} a fraction of
 * the image), so its parameters arrive untyped and are told apart here as Python would.
 */
final class PyNumbers {
  private PyNumbers() {}

  /** The value of a Python int, or null for anything else (a float, a bool, a string). */
  static @Nullable Integer asInt(@Nullable Object raw) {
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof BigInteger) {
      long v = ((Number) raw).longValue();
      return v == (int) v ? (int) v : null;
    }
    return null;
  }

  /** The value of a Python float, or null for anything else. */
  static @Nullable Double asFloat(@Nullable Object raw) {
    return raw instanceof Double || raw instanceof Float ? ((Number) raw).doubleValue() : null;
  }

  /** The items of a list or tuple, or null. */
  static @Nullable List<?> asSequence(@Nullable Object raw) {
    if (raw instanceof Tuple t) {
      return t.asList();
    }
    return raw instanceof List<?> l ? l : null;
  }
}
