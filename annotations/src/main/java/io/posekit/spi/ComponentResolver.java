package io.posekit.spi;

import java.util.Map;

/**
 * Turns a nested dict with a {@code type} into the typed config of the module that name stands
 * for. The runtime registry implements it (scopes, aliases, did-you-mean).
 */
public interface ComponentResolver {
  /**
   * Reads {@code dict} (written at {@code path}) as the config of a registered module that
   * implements {@code base}. Problems go to {@code reader}; the result is null when there were any.
   */
  <T> ModuleConfig<? extends T> resolve(
      Map<?, ?> dict, KeyPath path, Class<T> base, ConfigReader reader);

  /** A resolver for reading without a registry: any nested component is a problem. */
  static ComponentResolver none() {
    return new ComponentResolver() {
      @Override
      public <T> ModuleConfig<? extends T> resolve(
          Map<?, ?> dict, KeyPath path, Class<T> base, ConfigReader reader) {
        reader.problem(
            path,
            dict,
            null,
            "a " + base.getSimpleName() + " component needs a registry to be read",
            "read the config through the runtime Registry");
        return null;
      }
    };
  }
}
