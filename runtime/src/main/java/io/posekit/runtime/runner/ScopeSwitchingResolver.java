package io.posekit.runtime.runner;

import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ComponentResolver;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Resolves typed dicts the way MMEngine's {@code build_from_cfg} does with {@code _scope_}: a dict
 * that names a scope is read, children included, with that scope as the default scope. One
 * resolver serves one translation (it keeps the stack of scopes entered), never several threads.
 */
final class ScopeSwitchingResolver implements ComponentResolver {
  static final String SCOPE_KEY = "_scope_";

  private final Deque<Registry> registries = new ArrayDeque<>();

  ScopeSwitchingResolver(Registry registry) {
    registries.push(registry);
  }

  /** Makes {@code scoped} (the config's default scope) the registry of everything read from now on. */
  void enter(Registry scoped) {
    registries.push(scoped);
  }

  /** Reads a top-most typed dict as a module of {@code registryName} (null: any registry). */
  ModuleConfig<?> read(String registryName, Map<?, ?> dict, KeyPath path, ConfigReader reader) {
    return inScopeOf(dict, path, reader, (registry, d) -> registry.read(registryName, d, path, reader));
  }

  @Override
  public <T> ModuleConfig<? extends T> resolve(Map<?, ?> dict, KeyPath path, Class<T> base, ConfigReader reader) {
    return inScopeOf(dict, path, reader, (registry, d) -> registry.resolve(d, path, base, reader));
  }

  private <R> R inScopeOf(Map<?, ?> dict, KeyPath path, ConfigReader reader,
      BiFunction<Registry, Map<?, ?>, R> body) {
    Registry current = registries.peek();
    if (!dict.containsKey(SCOPE_KEY)) {
      return body.apply(current, dict);
    }
    Object scope = dict.get(SCOPE_KEY);
    if (!(scope instanceof String name)) {
      reader.problem(path.key(SCOPE_KEY), dict, SCOPE_KEY,
          "_scope_ must be a str naming a scope, got " + ConfigReader.describe(scope), null);
      return null;
    }
    if (!current.knowsScope(name)) {
      reader.problem(path.key(SCOPE_KEY), dict, SCOPE_KEY, current.unknownScopeMessage(name), null);
      return null;
    }
    registries.push(current.withDefaultScope(name));
    try {
      return body.apply(registries.peek(), DictView.without(dict, Set.of(SCOPE_KEY)));
    } finally {
      registries.pop();
    }
  }
}
