package io.posekit.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the runtime hands to {@link ModuleConfig#build}: the values that modules take from the
 * runtime rather than from their config (MMEngine's {@code default_args}).
 */
public interface BuildContext {
  /**
   * The value provided under {@code key}.
   *
   * @throws ConfigException when nothing, or something of another type, is provided
   */
  <T> T provided(String key, Class<T> type);

  /** A context that provides nothing. */
  static BuildContext empty() {
    return of(Map.of());
  }

  /** A context that provides the given values. */
  static BuildContext of(Map<String, ?> provided) {
    Map<String, Object> values = new LinkedHashMap<>(provided);
    return new BuildContext() {
      @Override
      public <T> T provided(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
          throw new ConfigException(
              new ConfigProblem(
                  KeyPath.root().key(key),
                  "the runtime provides no '" + key + "' (" + type.getSimpleName() + ")",
                  "pass it in the BuildContext, e.g. BuildContext.of(Map.of(\"" + key + "\", ...))",
                  null));
        }
        if (!type.isInstance(value)) {
          throw new ConfigException(
              new ConfigProblem(
                  KeyPath.root().key(key),
                  "the runtime provides '" + key + "' as " + value.getClass().getName()
                      + " but " + type.getName() + " is needed",
                  null,
                  null));
        }
        return type.cast(value);
      }

      @Override
      public String toString() {
        return "BuildContext" + Objects.toString(values.keySet());
      }
    };
  }
}
