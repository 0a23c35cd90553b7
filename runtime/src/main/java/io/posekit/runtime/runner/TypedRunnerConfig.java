package io.posekit.runtime.runner;

import io.posekit.annotations.Nullable;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.engine.logging.MMLogger;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.DictReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.LocatedMap;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import io.posekit.spi.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A config as the runner reads it, checked whole before any work: every typed dict read by its
 * registry ({@link TypedConfigTranslator}, with the types the runner fills in), every runner key
 * ({@link RunnerKeys}) of the right kind, the plain dicts the runner reads ({@code train_dataloader},
 * {@code randomness}, ...) without unknown keys, the keys the run needs present, and no top-level
 * key that misspells a runner key. All problems come at once in one
 * {@link io.posekit.spi.ConfigException}, each with file, line, key path and the closest name.
 * The parts are then the typed configs to build ({@link PoseRunnerBuilder}, the {@code check} command).
 */
public final class TypedRunnerConfig {
  /**
   * A data loader's dict as {@code Runner.build_dataloader} reads it.
   *
   * @param sampler the sampler's config, null for PoseKit's default ({@code DefaultSampler})
   */
  public record DataLoaderCfg(String key, ModuleConfig<?> dataset, @Nullable ModuleConfig<?> sampler, int batchSize,
      int numWorkers, boolean persistentWorkers, boolean dropLast) {}

  private final Config config;
  private final TypedConfig typed;
  private final Registry registry;

  private TypedRunnerConfig(Config config, TypedConfig typed, Registry registry) {
    this.config = config;
    this.typed = typed;
    this.registry = registry;
  }

  /** What {@code train} reads. @throws io.posekit.spi.ConfigException with every problem */
  public static TypedRunnerConfig forTrain(Config config, Registry registry) {
    return read(config, registry, RunnerKeys.Mode.TRAIN);
  }

  /** What {@code test} reads. @throws io.posekit.spi.ConfigException with every problem */
  public static TypedRunnerConfig forTest(Config config, Registry registry) {
    return read(config, registry, RunnerKeys.Mode.TEST);
  }

  /** What {@code infer} reads. @throws io.posekit.spi.ConfigException with every problem */
  public static TypedRunnerConfig forInfer(Config config, Registry registry) {
    return read(config, registry, RunnerKeys.Mode.INFER);
  }

  /** @throws io.posekit.spi.ConfigException with every problem of the config, for {@code mode} */
  public static TypedRunnerConfig read(Config config, Registry registry, RunnerKeys.Mode mode) {
    TypedConfigTranslator.Translation translation = new TypedConfigTranslator(registry).translation(config, true);
    new RunnerKeyChecks(config.dict(), translation.reader()).check(mode);
    translation.throwIfProblems("cannot " + mode.name().toLowerCase(java.util.Locale.ROOT));
    Object scope = config.dict().get("default_scope");
    return new TypedRunnerConfig(config, translation.typed(), registry.withDefaultScope(scope == null ? "mmpose" : scope.toString()));
  }

  public Config config() {
    return config;
  }

  /** The config's file for messages ({@code <string>} for one not read from a file). */
  public String file() {
    return config.filename().map(String::valueOf).orElse("<string>");
  }

  public TypedConfig typed() {
    return typed;
  }

  /** The registry with the config's {@code default_scope} (MMPose's when it sets none). */
  public Registry registry() {
    return registry;
  }

  /** The typed config of the top-most typed dict at a dotted path ({@code train_dataloader.dataset}), or null when there is none. */
  public @Nullable ModuleConfig<?> module(String dottedPath) {
    return typed.modules().get(dottedPath);
  }

  public ModuleConfig<?> model() {
    return module("model");
  }

  /** {@code train_dataloader}, {@code val_dataloader} or {@code test_dataloader}; null when not set. */
  public @Nullable DataLoaderCfg dataLoader(String key) {
    if (!(config.dict().get(key) instanceof Map<?, ?> raw)) {
      return null;
    }
    return new DataLoaderCfg(key, module(key + ".dataset"), module(key + ".sampler"), intOr(raw.get("batch_size"), 1),
        intOr(raw.get("num_workers"), 0), Boolean.TRUE.equals(raw.get("persistent_workers")),
        Boolean.TRUE.equals(raw.get("drop_last")));
  }

  /** {@code val_evaluator} or {@code test_evaluator}: one metric dict or a list of them. */
  public List<ModuleConfig<?>> modules(String key) {
    Object value = has(key) ? typed.get(key) : null;
    List<ModuleConfig<?>> out = new ArrayList<>();
    for (Object item : value instanceof List<?> l ? l : value instanceof Tuple t ? t.asList() : value == null ? List.of() : List.of(value)) {
      out.add((ModuleConfig<?>) item);
    }
    return out;
  }

  /** {@code default_hooks} by name, a None entry left out (it switches that hook off, as in MMEngine). */
  public Map<String, ModuleConfig<?>> defaultHooks() {
    Map<String, ModuleConfig<?>> out = new LinkedHashMap<>();
    if (has("default_hooks") && typed.get("default_hooks") instanceof Map<?, ?> hooks) {
      hooks.forEach((name, hook) -> {
        if (hook != null) {
          out.put(String.valueOf(name), (ModuleConfig<?>) hook);
        }
      });
    }
    return out;
  }

  /** A top-level value, or null when not set. */
  public @Nullable Object value(String key) {
    return config.dict().get(key);
  }

  /** Where the value at a dotted path was written (its dict's place for a value in a list); null for a config not read from a file. */
  public @Nullable SourceLocation locate(KeyPath path) {
    Object container = config.dict();
    SourceLocation found = config.dict().location().orElse(null);
    for (String segment : path.segments()) {
      if (container instanceof Map<?, ?> map && map.containsKey(segment)) {
        if (map instanceof LocatedMap located) {
          found = located.locationOf(segment).orElse(found);
        }
        container = map.get(segment);
      } else if (container instanceof List<?> || container instanceof Tuple) {
        List<?> items = container instanceof Tuple t ? t.asList() : (List<?>) container;
        int index = Integer.parseInt(segment);
        container = index < items.size() ? items.get(index) : null;
        if (container instanceof LocatedMap located) {
          found = located.location().orElse(found);
        }
      } else {
        break;
      }
    }
    return found;
  }

  private boolean has(String topLevelKey) {
    return config.dict().get(topLevelKey) != null;
  }

  private static int intOr(@Nullable Object value, int fallback) {
    return value == null ? fallback : ((Number) value).intValue();
  }

  private static final String LOG_LEVEL_KEY = "log_level";

  /** The checks of the runner's own keys, recorded next to the typed reading's problems. */
  private record RunnerKeyChecks(ConfigDict dict, ConfigReader reader) {
    void check(RunnerKeys.Mode mode) {
      List<String> misspelt = new ArrayList<>();
      for (Map.Entry<Object, Object> e : dict.entrySet()) {
        String key = String.valueOf(e.getKey());
        KeyPath path = KeyPath.root().key(key);
        Optional<RunnerKeys.Key> runnerKey = RunnerKeys.get(key);
        if (runnerKey.isPresent()) {
          if (e.getValue() != null) {
            check(runnerKey.get(), path, e.getValue());
          }
          continue;
        }
        RunnerKeys.misspelledRunnerKey(key).ifPresent(near -> {
          misspelt.add(near);
          reader.problem(path, dict, key, "unknown top-level key '" + key + "': the runner reads '" + near + "'",
              "did you mean '" + near + "'? (a top-level key the runner does not read is a config variable; this one looks like a misspelling)");
        });
      }
      for (String key : mode.required()) {
        if (dict.get(key) == null && !misspelt.contains(key)) {
          reader.problem(KeyPath.root().key(key), dict, null, "missing required key '" + key + "' for " + mode.name().toLowerCase(java.util.Locale.ROOT),
              "add " + key + "=... (" + RunnerKeys.get(key).orElseThrow().meaning() + ")");
        }
      }
      if (mode == RunnerKeys.Mode.TRAIN && dict.get("val_dataloader") != null && dict.get("val_evaluator") == null
          && !misspelt.contains("val_evaluator")) {
        reader.problem(KeyPath.root().key("val_evaluator"), dict, "val_dataloader", "val_dataloader is set but val_evaluator is not",
            "add val_evaluator=dict(type=...), or set val_dataloader=None to train without validation");
      }
    }

    private void check(RunnerKeys.Key key, KeyPath path, Object value) {
      switch (key.kind()) {
        case VALUE -> {
          readValue(reader.dict(dict, KeyPath.root(), "the config"), key.name(), key.value());
          if (key.name().equals(LOG_LEVEL_KEY) && (value instanceof String || value instanceof Integer)) {
            try {
              MMLogger.level(value);
            } catch (IllegalArgumentException e) {
              reader.problem(path, dict, key.name(), e.getMessage(), null);
            }
          }
        }
        case SECTION -> section(key, path, value);
        case MODULE, LOOP -> moduleDict(key, path, dict, key.name(), value);
        case MODULES -> {
          if (value instanceof List<?> || value instanceof Tuple) {
            List<?> items = value instanceof Tuple t ? t.asList() : (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
              moduleDict(key, path.index(i), value, key.name(), items.get(i));
            }
          } else {
            moduleDict(key, path, dict, key.name(), value);
          }
        }
        case HOOKS -> {
          if (value instanceof Map<?, ?> hooks) {
            hooks.forEach((name, hook) -> {
              if (hook != null) {
                moduleDict(key, path.key(String.valueOf(name)), hooks, name, hook);
              }
            });
          } else if (value instanceof List<?> || value instanceof Tuple) {
            List<?> items = value instanceof Tuple t ? t.asList() : (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
              moduleDict(key, path.index(i), value, key.name(), items.get(i));
            }
          } else {
            reader.problem(path, dict, key.name(), "expected a dict or list of hook dicts but got " + ConfigReader.describe(value), null);
          }
        }
        default -> throw new IllegalStateException(key.kind().name());
      }
    }

    /** A module dict: typed by the translation when it names a type or the runner gives it one; else a problem. */
    private void moduleDict(RunnerKeys.Key key, KeyPath path, Object container, Object keyInContainer, Object value) {
      if (!(value instanceof Map<?, ?> map)) {
        reader.problem(path, container, keyInContainer, "expected a dict with a type for " + key.registry()
            + " but got " + ConfigReader.describe(value), null);
        return;
      }
      if (key.kind() == RunnerKeys.Kind.LOOP && !map.containsKey(DictReader.TYPE_KEY) && map.containsKey(RunnerKeys.BY_EPOCH_KEY)) {
        Object byEpoch = map.get(RunnerKeys.BY_EPOCH_KEY);
        if (!(byEpoch instanceof Boolean)) {
          reader.problem(path.key(RunnerKeys.BY_EPOCH_KEY), map, RunnerKeys.BY_EPOCH_KEY,
              "by_epoch must be True or False, got " + ConfigReader.describe(byEpoch), null);
        }
      }
      if (!map.containsKey(DictReader.TYPE_KEY) && RunnerKeys.defaultType(path, map) == null) {
        reader.problem(path, container, keyInContainer, "a dict of " + key.registry() + " needs a 'type'",
            "add type=... naming a module of " + key.registry() + " (see list-modules)");
      }
    }

    /** A plain dict the runner reads key by key: known keys of the right type; module keys below are typed. */
    private void section(RunnerKeys.Key key, KeyPath path, Object value) {
      DictReader section = reader.dict(value, path, key.name());
      if (section == null) {
        return;
      }
      key.fields().forEach((name, type) -> {
        if (section.has(name) && type != null) {
          readValue(section, name, type);
        }
      });
      if (key.fields().containsKey("dataset") && !section.has("dataset")) {
        section.require("dataset", RunnerKeys.anyDictType());
      }
      if (key.fields().containsKey(RunnerKeys.DATA_ROOT_KEY) && !section.has(RunnerKeys.DATA_ROOT_KEY)) {
        section.require(RunnerKeys.DATA_ROOT_KEY, key.fields().get(RunnerKeys.DATA_ROOT_KEY));
      }
      section.rejectUnknownKeys(key.fields().keySet());
      if (key.name().equals("auto_scale_lr") && Boolean.TRUE.equals(section.dict().get("enable"))
          && section.dict().get("base_batch_size") == null) { // Runner.scale_lr
        reader.problem(path.key("base_batch_size"), section.dict(), "enable",
            "auto_scale_lr.enable=True needs an int auto_scale_lr.base_batch_size, got None", "set auto_scale_lr.base_batch_size=<the batch size the lr is for>");
      }
    }

    /** {@code name} of {@code holder}, of {@code type} ({@code None} only where the type allows it). */
    private static void readValue(DictReader holder, String name, ValueType<?> type) {
      if (!holder.isNone(name) || !RunnerKeys.acceptsNone(type)) {
        holder.read(name, type);
      }
    }
  }
}
