package io.posekit.runtime.runner;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.DictReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a loaded {@link Config} into a {@link TypedConfig}: every top-most dict with a
 * {@code type} is read by the registry the builders would use for its key path
 * ({@link BuilderRegistry}); its generated config reads its own nested components. Problems of
 * all dicts are collected and thrown together as one {@link io.posekit.spi.ConfigException}, each
 * with file, line, {@code _base_} chain, key path and a did-you-mean.
 */
public final class TypedConfigTranslator {
  public static final String DEFAULT_SCOPE_KEY = "default_scope";

  private final Registry registry;

  public TypedConfigTranslator(Registry registry) {
    this.registry = registry;
  }

  /**
   * @throws io.posekit.spi.ConfigException with every problem of every typed dict
   */
  public TypedConfig translate(Config config) {
    Translation translation = translation(config, false);
    translation.throwIfProblems("does not read as typed configs");
    return translation.typed();
  }

  /** A translated config and the reader that holds its problems, for callers that add their own. */
  record Translation(Config config, TypedConfig typed, ConfigReader reader) {
    /** Every problem at once, one per written place, as {@code config FILE WHAT: n problems}. */
    void throwIfProblems(String what) {
      if (reader.hasProblems()) {
        String file = config.filename().map(String::valueOf).orElse("<string>");
        throw new ConfigException("config " + file + " " + what, onePerWrittenPlace(reader.problems()));
      }
    }
  }

  /**
   * Translates without throwing. With {@code runnerDefaults}, a dict the runner types itself when
   * it names no {@code type} ({@code optim_wrapper}, {@code train_cfg}, a data loader's
   * {@code sampler}, ...; {@link RunnerKeys#defaultType}) is read as that type, as the runner builds it.
   */
  Translation translation(Config config, boolean runnerDefaults) {
    ScopeSwitchingResolver resolver = new ScopeSwitchingResolver(registry);
    ConfigReader reader = new ConfigReader(resolver);
    ConfigDict dict = config.dict();
    resolver.enter(withDefaultScope(dict, reader));
    Map<String, ModuleConfig<?>> modules = new LinkedHashMap<>();
    Map<Object, Object> root = new LinkedHashMap<>();
    Walk walk = new Walk(resolver, reader, modules, runnerDefaults);
    for (Map.Entry<Object, Object> e : dict.entrySet()) {
      root.put(e.getKey(), walk.translate(e.getValue(), KeyPath.root().key(String.valueOf(e.getKey()))));
    }
    return new Translation(config, new TypedConfig(root, modules), reader);
  }

  /**
   * A dict written once can be reached by two paths ({@code train_pipeline} and
   * {@code train_dataloader.dataset.pipeline}, one variable used twice): its problems are reported
   * once, at the first path, naming the other. Two dicts written on one line are two places: the
   * value the message quotes (the type or key name; the registry's wording differs by path) tells them apart.
   */
  private static List<ConfigProblem> onePerWrittenPlace(List<ConfigProblem> problems) {
    Map<List<Object>, Integer> seen = new LinkedHashMap<>();
    List<ConfigProblem> out = new ArrayList<>();
    for (ConfigProblem p : problems) {
      List<Object> place = p.location() == null ? null
          : List.of(p.location().file(), p.location().line(), p.path().last(), quoted(p.message()));
      Integer first = place == null ? null : seen.get(place);
      if (first == null) {
        if (place != null) {
          seen.put(place, out.size());
        }
        out.add(p);
      } else {
        ConfigProblem kept = out.get(first);
        out.set(first, new ConfigProblem(kept.path(), kept.message() + " (also reached as " + p.path() + ")",
            kept.hint(), kept.location()));
      }
    }
    return out;
  }

  /** The first {@code '...'} of a message, else the message. */
  private static String quoted(String message) {
    int open = message.indexOf('\'');
    int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
    return close < 0 ? message : message.substring(open + 1, close);
  }

  /** MMEngine's {@code default_scope}: the scope names are looked up in first. */
  private Registry withDefaultScope(ConfigDict dict, ConfigReader reader) {
    if (!dict.containsKey(DEFAULT_SCOPE_KEY) || dict.get(DEFAULT_SCOPE_KEY) == null) {
      return registry;
    }
    KeyPath path = KeyPath.root().key(DEFAULT_SCOPE_KEY);
    if (!(dict.get(DEFAULT_SCOPE_KEY) instanceof String scope)) {
      reader.problem(path, dict, DEFAULT_SCOPE_KEY,
          "default_scope must be a str, got " + ConfigReader.describe(dict.get(DEFAULT_SCOPE_KEY)), null);
      return registry;
    }
    if (!registry.knowsScope(scope)) {
      reader.problem(path, dict, DEFAULT_SCOPE_KEY, registry.unknownScopeMessage(scope), null);
      return registry;
    }
    return registry.withDefaultScope(scope);
  }

  /** One walk over a config's tree. */
  private record Walk(ScopeSwitchingResolver resolver, ConfigReader reader, Map<String, ModuleConfig<?>> modules,
      boolean runnerDefaults) {
    Object translate(Object value, KeyPath path) {
      if (BuilderRegistry.isModuleData(path)) {
        return value; // read by the module that holds it, never built from the config
      }
      Map<?, ?> typedDict = value instanceof Map<?, ?> map ? typedDict(map, path) : null;
      if (typedDict != null) {
        ModuleConfig<?> config = RunnerKeyedReader.read(resolver, path, typedDict, reader);
        if (config != null) {
          modules.put(path.toString(), config);
        }
        return config;
      }
      if (value instanceof Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put(e.getKey(), translate(e.getValue(), path.key(String.valueOf(e.getKey()))));
        }
        return out;
      }
      if (value instanceof List<?> || value instanceof Tuple) {
        List<?> items = value instanceof Tuple t ? t.asList() : (List<?>) value;
        List<Object> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
          out.add(translate(items.get(i), path.index(i)));
        }
        return value instanceof Tuple ? Tuple.copyOf(out) : out;
      }
      return value;
    }

    /** The dict as its module reads it, or null for a plain dict. */
    private Map<?, ?> typedDict(Map<?, ?> map, KeyPath path) {
      if (map.containsKey(DictReader.TYPE_KEY)) {
        return map;
      }
      String defaultType = runnerDefaults ? RunnerKeys.defaultType(path, map) : null;
      return defaultType == null ? null
          : DictView.withDefaults(map, RunnerKeys.poppedBeforeTyping(path), Map.of(DictReader.TYPE_KEY, defaultType));
    }
  }
}
