package io.posekit.runtime.config.typed;

import io.posekit.annotations.Registries;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.dict.ConfigValues;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A config after typed translation: the same tree as the {@link Config}, with every top-most
 * dict that has a {@code type} replaced by its generated {@link ModuleConfig}; plain dicts are
 * {@code Map}s, lists {@code List}s, tuples {@link Tuple}s, values as they were.
 */
public final class TypedConfig {
  private final Map<Object, Object> root;
  private final Map<String, ModuleConfig<?>> modules;

  public TypedConfig(Map<Object, Object> root, Map<String, ModuleConfig<?>> modules) {
    this.root = Collections.unmodifiableMap(root);
    this.modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
  }

  /** The translated tree. */
  public Map<Object, Object> root() {
    return root;
  }

  /** Every typed config by its dotted key path ({@code train_dataloader.dataset}), in config order. */
  public Map<String, ModuleConfig<?>> modules() {
    return modules;
  }

  /** The value at a dotted path; a typed config for a typed dict. */
  public Object get(String dottedPath) {
    Object current = root;
    for (String segment : KeyPath.parse(dottedPath).segments()) {
      if (current instanceof Map<?, ?> map && map.containsKey(segment)) {
        current = map.get(segment);
      } else if (current instanceof List<?> list && isIndex(segment, list.size())) {
        current = list.get(Integer.parseInt(segment));
      } else if (current instanceof Tuple tuple && isIndex(segment, tuple.size())) {
        current = tuple.get(Integer.parseInt(segment));
      } else {
        throw new ConfigException(new ConfigProblem(KeyPath.parse(dottedPath),
            "no value at '" + segment + "' in the typed config", null, null));
      }
    }
    return current;
  }

  /** The typed config at {@code dottedPath}, checked to build a {@code moduleType}. */
  public <T> ModuleConfig<? extends T> module(String dottedPath, Class<T> moduleType) {
    Object value = get(dottedPath);
    if (!(value instanceof ModuleConfig<?> config) || !moduleType.isAssignableFrom(config.moduleType())) {
      throw new ConfigException(new ConfigProblem(KeyPath.parse(dottedPath),
          "expected the config of a " + moduleType.getSimpleName() + " but found "
              + (value instanceof ModuleConfig<?> c ? "the config of " + c.type() : ConfigValues.pythonTypeName(value)),
          null, null));
    }
    @SuppressWarnings("unchecked") // checked above: the config builds a moduleType
    ModuleConfig<? extends T> typed = (ModuleConfig<? extends T>) value;
    return typed;
  }

  private static boolean isIndex(String segment, int size) {
    return !segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit)
        && Integer.parseInt(segment) < size;
  }

  /**
   * A typed tree as plain values to be read again from {@code defaultScope}: a module registered in
   * another scope (not the root {@code mmengine}) gets its scope back in its {@code type}
   * ({@code mmpretrain.VisionTransformer}), which {@code toMap()} leaves out, and its children are
   * qualified against that scope, as MMEngine builds them from the parent's registry.
   */
  public static Object plain(Object value, String defaultScope) {
    if (value instanceof ModuleConfig<?> config) {
      Map<Object, Object> out = new LinkedHashMap<>();
      config.toMap().forEach((k, v) -> out.put(k, plain(v, config.scope())));
      if (!config.scope().equals(defaultScope) && !config.scope().equals(Registries.ROOT_SCOPE)
          && out.get("type") instanceof String type && type.indexOf('.') < 0) {
        out.put("type", config.scope() + "." + type);
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, plain(v, defaultScope)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new java.util.ArrayList<>();
      list.forEach(v -> out.add(plain(v, defaultScope)));
      return out;
    }
    if (value instanceof Tuple tuple) {
      List<Object> out = new java.util.ArrayList<>();
      tuple.forEach(v -> out.add(plain(v, defaultScope)));
      return Tuple.copyOf(out);
    }
    return value;
  }

  /** A typed tree as plain values: every typed config by its {@code toMap()}, recursively. */
  public static Object plain(Object value) {
    if (value instanceof ModuleConfig<?> config) {
      return plain(config.toMap());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new java.util.ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Tuple tuple) {
      List<Object> out = new java.util.ArrayList<>();
      tuple.forEach(v -> out.add(plain(v)));
      return Tuple.copyOf(out);
    }
    return value;
  }
}
