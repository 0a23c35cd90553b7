package io.posekit.runtime.runner;

import io.posekit.configgen.ConfigLayer;
import io.posekit.configgen.TypedDictReader;
import io.posekit.runtime.registry.ModuleMetadata;
import io.posekit.runtime.registry.ParameterMetadata;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * config-gen's view of the runtime registry: a typed dict is read exactly as
 * {@link TypedConfigTranslator} reads it (registry from the key path, the config's
 * {@code default_scope}, {@code _scope_}), so the generated builders rebuild what loading gives.
 */
public final class RegistryTypedDictReader implements TypedDictReader {
  private static final String NO_IMPLEMENTATION = "has no Java implementation";
  private static final java.util.regex.Pattern UNKNOWN_TYPE = java.util.regex.Pattern.compile("^unknown .*type '([^']*)'");

  private final Registry registry;
  private final Map<Class<?>, Map<String, String>> methods = new ConcurrentHashMap<>();

  public RegistryTypedDictReader(Registry registry) {
    this.registry = registry;
  }

  @Override
  public Reading read(ConfigLayer layer, List<Object> path, Map<?, ?> dict) {
    String type = String.valueOf(dict.get("type"));
    KeyPath keyPath = keyPath(layer.merged(), path);
    if (BuilderRegistry.isModuleData(keyPath)) {
      return new ModuleData("below " + BuilderRegistry.moduleDataKey(keyPath)
          + ": read by the module that holds it, not built from the config");
    }
    Object defaultScope = layer.merged().get(TypedConfigTranslator.DEFAULT_SCOPE_KEY);
    Registry scoped = registry;
    if (defaultScope instanceof String scope) {
      if (!registry.knowsScope(scope)) {
        return new Foreign(type, "default_scope '" + scope + "' " + NO_IMPLEMENTATION);
      }
      scoped = registry.withDefaultScope(scope);
    }
    ScopeSwitchingResolver resolver = new ScopeSwitchingResolver(registry);
    resolver.enter(scoped);
    ConfigReader reader = new ConfigReader(resolver);
    ModuleConfig<?> config = RunnerKeyedReader.read(resolver, keyPath, dict, reader);
    if (config != null && !reader.hasProblems()) {
      return new Typed(config);
    }
    List<ConfigProblem> problems = reader.problems();
    String message = new ConfigException("config " + layer.name() + ": " + keyPath + " does not read as a typed config",
        problems).getMessage();
    if (!problems.isEmpty() && problems.stream().allMatch(p -> p.message().contains(NO_IMPLEMENTATION))) {
      return new Foreign(type, message);
    }
    return new Unreadable(unknownTypes(type, problems), message);
  }

  /** The types no module is registered for, else the dict's type and its first problem. */
  private static String unknownTypes(String type, List<ConfigProblem> problems) {
    java.util.Set<String> unknown = new java.util.TreeSet<>();
    for (ConfigProblem p : problems) {
      java.util.regex.Matcher m = UNKNOWN_TYPE.matcher(p.message());
      if (m.find()) {
        unknown.add(m.group(1));
      }
    }
    return unknown.isEmpty() && problems.isEmpty() ? type + ": does not read"
        : unknown.isEmpty() ? type + ": " + problems.get(0).path() + ": " + problems.get(0).message() : String.join(", ", unknown);
  }

  /** The runtime's key path for {@code path}: list items by index, dict keys by name. */
  private static KeyPath keyPath(Map<?, ?> root, List<Object> path) {
    KeyPath out = KeyPath.root();
    Object current = root;
    for (Object segment : path) {
      if (current instanceof List<?> || current instanceof Tuple) {
        int index = (Integer) segment;
        out = out.index(index);
        current = current instanceof Tuple t ? t.get(index) : ((List<?>) current).get(index);
      } else {
        out = out.key(String.valueOf(segment));
        current = current instanceof Map<?, ?> m ? m.get(segment) : null;
      }
    }
    return out;
  }

  @Override
  public Map<String, String> builderMethods(ModuleConfig<?> config) {
    return methods.computeIfAbsent(config.getClass(), c -> {
      ModuleMetadata metadata = registry.find(config.registry(), config.scope() + "." + config.type())
          .flatMap(m -> m.metadata())
          .orElseThrow(() -> new IllegalStateException("no registry metadata for " + config.scope() + "." + config.type()));
      Map<String, String> out = new LinkedHashMap<>();
      for (ParameterMetadata p : metadata.parameters()) {
        if (!p.provided()) {
          out.put(p.key(), p.javaName());
        }
      }
      return Collections.unmodifiableMap(out);
    });
  }
}
