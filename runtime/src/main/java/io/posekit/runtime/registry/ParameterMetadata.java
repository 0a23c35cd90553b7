package io.posekit.runtime.registry;

import java.util.Optional;

/**
 * One constructor parameter of a registered module, as the processor described it for listings.
 *
 * @param key the config key ({@code use_target_weight}), or for a provided value the name the
 *     runtime provides it under
 * @param javaName the constructor parameter name
 * @param type the Python-ish type ({@code bool}, {@code tuple[int, int]}, {@code Loss})
 * @param javaType the Java type
 * @param defaultValue the default as a Python literal, or null when there is none
 * @param required whether the config must give the key
 * @param nullable whether {@code None} is accepted
 * @param provided whether the runtime supplies it rather than the config
 * @param doc its documentation, or null
 */
public record ParameterMetadata(
    String key,
    String javaName,
    String type,
    String javaType,
    String defaultValue,
    boolean required,
    boolean nullable,
    boolean provided,
    String doc) {

  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultValue);
  }
}
