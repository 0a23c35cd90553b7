package io.posekit.runtime.runner;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Registries;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.Suggestions;
import io.posekit.spi.ValueType;
import io.posekit.spi.ValueTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one description of the config's top-level keys the runner reads, after MMEngine's
 * {@code Runner.__init__}, {@code from_cfg} and {@code build_*}: which registry builds each, the
 * type the runner fills in when a dict names none, the keys of the plain dicts it reads itself
 * ({@code train_dataloader}, {@code randomness}, ...) and which keys a run needs. Typed reading
 * ({@link TypedConfigTranslator}, {@link TypedRunnerConfig}), config-gen ({@link BuilderRegistry})
 * and the runner builder all read it from here.
 */
public final class RunnerKeys {
  /** How the runner takes a top-level key. */
  public enum Kind {
    /** A module dict of {@link Key#registry()}. */
    MODULE,
    /** A module dict or a list of them ({@code param_scheduler}, {@code val_evaluator}). */
    MODULES,
    /** A loop of LOOPS, typed by the runner when the dict names none ({@code train_cfg}'s {@code by_epoch}). */
    LOOP,
    /** A plain dict the runner reads key by key ({@link Key#fields()}); module keys below it are typed. */
    SECTION,
    /** {@code default_hooks} (name to hook dict or None) or {@code custom_hooks} (list of hook dicts). */
    HOOKS,
    /** One value ({@link Key#value()}). */
    VALUE
  }

  /** What {@code train}, {@code test} and {@code infer} need. */
  public enum Mode {
    TRAIN(List.of("model", "work_dir", "train_dataloader", "train_cfg", "optim_wrapper")),
    TEST(List.of("model", "work_dir", "test_dataloader", "test_evaluator", "load_from")),
    INFER(List.of("model"));

    private final List<String> required;

    Mode(List<String> required) {
      this.required = required;
    }

    /** The keys a run of this mode cannot do without. */
    public List<String> required() {
      return required;
    }
  }

  /**
   * One top-level key.
   *
   * @param registry the registry of its module dicts, or null
   * @param defaultType the {@code type} the runner gives a dict that names none, or null
   * @param fields a section's keys and their value types (null type: a module dict below, typed by its place)
   * @param value a value key's type, or null
   * @param meaning what MMEngine's runner does with it, for {@code schema} and messages
   */
  public record Key(String name, Kind kind, @Nullable String registry, @Nullable String defaultType,
      Map<String, ValueType<?>> fields, @Nullable ValueType<?> value, String meaning) {}

  /** {@code train_cfg}'s key that picks the loop when it names no type ({@code Runner.build_train_loop}). */
  public static final String BY_EPOCH_KEY = "by_epoch";
  public static final String DATA_ROOT_KEY = "data_root";

  private static final ValueType<Object> DICT = anyDict();

  private static final Map<String, ValueType<?>> DATALOADER = fields(
      "dataset", null,
      "sampler", null,
      "collate_fn", DICT,
      "batch_size", ValueTypes.INT,
      "num_workers", ValueTypes.INT,
      "persistent_workers", ValueTypes.BOOLEAN,
      "drop_last", ValueTypes.BOOLEAN,
      "pin_memory", ValueTypes.BOOLEAN,
      "prefetch_factor", ValueTypes.INT);

  private static final List<Key> KEYS = List.of(
      module("model", Kind.MODULE, Registries.MODELS, null, "the model (Runner.build_model)"),
      value("work_dir", ValueTypes.STRING, "where logs and checkpoints go"),
      section("train_dataloader", DATALOADER, "Runner.build_dataloader: dataset, sampler and loader settings for training"),
      section("val_dataloader", DATALOADER, "Runner.build_dataloader for validation"),
      section("test_dataloader", DATALOADER, "Runner.build_dataloader for testing"),
      module("train_cfg", Kind.LOOP, Registries.LOOPS, "EpochBasedTrainLoop",
          "Runner.build_train_loop: by_epoch=True (default) an EpochBasedTrainLoop, False an IterBasedTrainLoop"),
      module("val_cfg", Kind.LOOP, Registries.LOOPS, "ValLoop", "Runner.build_val_loop"),
      module("test_cfg", Kind.LOOP, Registries.LOOPS, "TestLoop", "Runner.build_test_loop"),
      module("optim_wrapper", Kind.MODULE, Registries.OPTIM_WRAPPERS, "OptimWrapper",
          "Runner.build_optim_wrapper; pops constructor and paramwise_cfg for the wrapper's constructor"),
      module("param_scheduler", Kind.MODULES, Registries.PARAM_SCHEDULERS, null, "Runner.build_param_scheduler"),
      module("val_evaluator", Kind.MODULES, Registries.METRICS, null, "the metrics of validation (Runner.build_evaluator)"),
      module("test_evaluator", Kind.MODULES, Registries.METRICS, null, "the metrics of testing (Runner.build_evaluator)"),
      module("default_hooks", Kind.HOOKS, Registries.HOOKS, null,
          "Runner.register_default_hooks: name to hook dict (None switches it off); pops priority"),
      module("custom_hooks", Kind.HOOKS, Registries.HOOKS, null, "Runner.register_custom_hooks; pops priority"),
      module("visualizer", Kind.MODULE, Registries.VISUALIZERS, null, "Runner.build_visualizer"),
      module("vis_backends", Kind.MODULES, Registries.VISBACKENDS, null, "the visualizer's backends, read through visualizer"),
      module("log_processor", Kind.MODULE, Registries.LOG_PROCESSORS, "LogProcessor", "Runner.build_log_processor"),
      section("env_cfg", fields("cudnn_benchmark", ValueTypes.BOOLEAN, "mp_cfg", DICT, "dist_cfg", DICT),
          "Runner.setup_env (CUDA, multiprocessing and distributed settings)"),
      section("randomness", fields("seed", nullable(ValueTypes.LONG), "diff_rank_seed", ValueTypes.BOOLEAN,
          "deterministic", ValueTypes.BOOLEAN), "Runner.set_randomness"),
      section("auto_scale_lr", fields("enable", ValueTypes.BOOLEAN, "base_batch_size", ValueTypes.INT),
          "Runner.scale_lr: lr times batch_size / base_batch_size when enabled"),
      value("load_from", nullable(ValueTypes.STRING), "the checkpoint whose weights the run starts from"),
      value("resume", oneOf("bool or str", ValueTypes.BOOLEAN, ValueTypes.STRING),
          "True: resume from the work dir's last checkpoint; a path: from that checkpoint"),
      value("default_scope", ValueTypes.STRING, "the scope module names are looked up in first"),
      value("launcher", ValueTypes.STRING, "how processes are launched ('none': one process)"),
      value("sync_bn", nullable(ValueTypes.STRING),
          "Runner.wrap_model: 'torch' or 'mmcv' turns every batch norm into SyncBN in a distributed run"),
      value("log_level", oneOf("str or int", ValueTypes.STRING, ValueTypes.INT), "the logger's level"),
      value("experiment_name", ValueTypes.STRING, "the name of the run's log dir"),
      value("custom_imports", DICT, "modules imported before the run (Config)"),
      value("device", ValueTypes.STRING, "PoseKit: the device the model runs on ('cpu', 'gpu', 'gpu:1')"),
      section("demo_data", fields(DATA_ROOT_KEY, ValueTypes.STRING, "num_train", ValueTypes.INT, "num_val", ValueTypes.INT,
          "width", ValueTypes.INT, "height", ValueTypes.INT, "seed", ValueTypes.INT),
          "PoseKit: the synthetic COCO set the demo config writes to data_root when it is missing"));

  private static final Map<String, Key> BY_NAME = KEYS.stream()
      .collect(Collectors.toMap(Key::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));

  private RunnerKeys() {}

  /** Every top-level key the runner reads, in the order MMEngine's runner takes them. */
  public static List<Key> all() {
    return KEYS;
  }

  public static Optional<Key> get(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /**
   * The {@code type} the runner gives the dict at {@code path} when it names none, or null:
   * a top-level key's default, {@code train_cfg}'s pick by {@code by_epoch}, a data loader's
   * {@code DefaultSampler}.
   */
  static @Nullable String defaultType(KeyPath path, Map<?, ?> dict) {
    List<String> s = path.segments();
    if (s.size() == 2 && s.get(1).equals("sampler") && get(s.get(0)).map(k -> k.fields() == DATALOADER).orElse(false)) {
      return "DefaultSampler";
    }
    if (s.size() != 1) {
      return null;
    }
    if (s.get(0).equals("train_cfg")) {
      return Boolean.FALSE.equals(dict.get(BY_EPOCH_KEY)) ? "IterBasedTrainLoop" : "EpochBasedTrainLoop";
    }
    return get(s.get(0)).map(Key::defaultType).orElse(null);
  }

  /** The keys the runner takes from a dict at {@code path} before typing it ({@code train_cfg}'s {@code by_epoch}). */
  static Set<String> poppedBeforeTyping(KeyPath path) {
    return path.segments().equals(List.of("train_cfg")) ? Set.of(BY_EPOCH_KEY) : Set.of();
  }

  /**
   * A top-level key no runner key is but that looks like a misspelling of one, closer than
   * config variables MMPose writes ({@code codec}) are to any: one edit per five letters.
   */
  static Optional<String> misspelledRunnerKey(String key) {
    if (BY_NAME.containsKey(key)) {
      return Optional.empty();
    }
    int allowed = Math.max(1, key.length() / 5);
    return KEYS.stream().map(Key::name)
        .filter(name -> Suggestions.distance(key, name) <= allowed)
        .findFirst();
  }

  private static Key module(String name, Kind kind, String registry, @Nullable String defaultType, String meaning) {
    return new Key(name, kind, registry, defaultType, Map.of(), null, meaning);
  }

  private static Key section(String name, Map<String, ValueType<?>> fields, String meaning) {
    return new Key(name, Kind.SECTION, null, null, fields, null, meaning);
  }

  private static Key value(String name, ValueType<?> type, String meaning) {
    return new Key(name, Kind.VALUE, null, null, Map.of(), type, meaning);
  }

  private static Map<String, ValueType<?>> fields(Object... keysAndTypes) {
    Map<String, ValueType<?>> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndTypes.length; i += 2) {
      out.put((String) keysAndTypes[i], (ValueType<?>) keysAndTypes[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** {@code None} or a {@code type}. */
  private static <T> ValueType<T> nullable(ValueType<T> type) {
    return new NoneOr<>(type);
  }

  /** Any dict, kept as written ({@code collate_fn}, {@code env_cfg.mp_cfg}). */
  static ValueType<Object> anyDictType() {
    return DICT;
  }

  /** A value type as the schema's type text: {@code int}, {@code int | None}. */
  static String schemaType(ValueType<?> type) {
    return type instanceof NoneOr<?> n ? n.type().describe() + " | None" : type.describe();
  }

  /** True when {@code None} is a value of {@code type}. */
  static boolean acceptsNone(ValueType<?> type) {
    return type instanceof NoneOr<?>;
  }

  private record NoneOr<T>(ValueType<T> type) implements ValueType<T> {
    @Override
    public T read(Object raw, KeyPath path, ConfigReader reader) {
      return type.read(raw, path, reader);
    }

    @Override
    public Object write(T value) {
      return value == null ? null : type.write(value);
    }

    @Override
    public String describe() {
      return type.describe() + " or None";
    }
  }

  private static ValueType<Object> anyDict() {
    return new ValueType<>() {
      @Override
      public Object read(Object raw, KeyPath path, ConfigReader reader) {
        if (!(raw instanceof Map<?, ?>)) {
          reader.problem(path, null, null, "expected a dict but got " + ConfigReader.describe(raw), null);
          return null;
        }
        return raw;
      }

      @Override
      public Object write(Object value) {
        return value;
      }

      @Override
      public String describe() {
        return "dict";
      }
    };
  }

  /** The first of {@code types} that reads the value. */
  private static ValueType<Object> oneOf(String name, ValueType<?>... types) {
    return new ValueType<>() {
      @Override
      public Object read(Object raw, KeyPath path, ConfigReader reader) {
        for (ValueType<?> type : types) {
          ConfigReader trial = ConfigReader.withoutRegistry();
          Object value = type.read(raw, path, trial);
          if (!trial.hasProblems()) {
            return value;
          }
        }
        reader.problem(path, null, null, "expected " + name + " but got " + ConfigReader.describe(raw), null);
        return null;
      }

      @Override
      public Object write(Object value) {
        return value;
      }

      @Override
      public String describe() {
        return name;
      }
    };
  }
}
