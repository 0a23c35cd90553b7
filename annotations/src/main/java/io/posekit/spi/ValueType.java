package io.posekit.spi;

/**
 * How one parameter type is read from a config value and written back: the conversions generated
 * configs are assembled from (see {@link ValueTypes}).
 *
 * @param <T> the Java type of the parameter in the typed config
 */
public interface ValueType<T> {
  /**
   * Converts a config value (never null: callers handle {@code None}). On a problem it records it
   * in {@code reader} and returns null.
   */
  T read(Object raw, KeyPath path, ConfigReader reader);

  /** The config value for {@code value}: a Python-style value (Tuple, List, Map, String, ...). */
  Object write(T value);

  /** A short Python-ish name for messages: {@code int}, {@code tuple[int, ...]}, {@code Loss}. */
  String describe();
}
