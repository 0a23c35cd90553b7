package io.posekit.runtime.check;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Registries;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.optim.AmpOptimWrapper;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.pose.TopdownModel;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.PoseRunnerBuilder;
import io.posekit.runtime.runner.TypedRunnerConfig;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.KeyPath;
import io.posekit.spi.LocatedMap;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.datasets.PoseDataset;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every module of a typed config built as {@code train} builds it ({@code Runner.from_cfg}), but
 * without data, in two steps: {@link #build()} every module that needs no TensorFlow graph, then
 * {@link #buildGraph} the model's graph and what is built over its parameters (the optimizer
 * wrapper, the schedulers over its optimizer, the loops over the runner that holds the model). The
 * second is part of the dry run: building the graph of an HRNet takes minutes on a loaded 2-core
 * machine, too long for checking a tree of configs. Without data means: data sets are built with {@code lazy_init=True} (their annotation files stay
 * unread; samplers size them only when iterated), {@code init_cfg} entries of type
 * {@code Pretrained} are left out (MMEngine loads them in {@code init_weights}, at train time, not
 * at build), and {@code load_from}/{@code resume} are not read. The model's graph is built at batch
 * size 1: its parameters are what the optimizer wrapper and the schedulers are built over. Every
 * part that fails is a problem at its key path (file and line where the config wrote it); parts
 * that need a failed part are not attempted.
 */
final class BuildWithoutData implements AutoCloseable {
  static final List<String> LOADERS = List.of("train_dataloader", "val_dataloader", "test_dataloader");
  /** The data set length is unknown without data: by-epoch schedulers are built over one-iteration epochs. */
  private static final int UNKNOWN_EPOCH_LENGTH = 1;
  private static final int BATCH_SIZE = 1;

  /** What the graph is built from. */
  record Modules(TopdownPoseEstimator estimator, DatasetMeta meta, LogProcessor logProcessor,
      Function<List<Parameter>, OptimWrapper> optimWrapper, Map<String, Object> optimWrapperCfg) {}

  /** What the dry run needs: the model with its graph, and the wrapper the graph was built for. */
  record Built(TopdownModel model, OptimWrapper optimWrapper) {}

  private final TypedRunnerConfig runnerConfig;
  private final Config config;
  private final TypedConfig typed;
  private final Registry registry;
  private final Path workDir;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private @Nullable TopdownModel graphModel;

  BuildWithoutData(TypedRunnerConfig runnerConfig, Path workDir) {
    this.runnerConfig = runnerConfig;
    this.config = runnerConfig.config();
    this.typed = runnerConfig.typed();
    this.registry = runnerConfig.registry();
    this.workDir = workDir;
  }

  /** The problems of every part that did not build; empty when all did. */
  List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /**
   * Every module that needs no TensorFlow graph: the model's modules, data sets (lazy), samplers,
   * evaluators, visualizer, log processor, hooks, and the optimizer wrapper's config and
   * constructor. Null (with {@link #problems()}) when a part did not build.
   */
  @Nullable Modules build() {
    Object model = build("model",
        () -> readAgain(Registries.MODELS, module("model"), BuildWithoutData::withoutPretrained).build(BuildContext.empty()));
    Map<String, PoseDataset> datasets = new LinkedHashMap<>();
    for (String loader : LOADERS) {
      if (!(typed.root().get(loader) instanceof Map<?, ?> loaderCfg)) {
        continue;
      }
      String datasetKey = loader + ".dataset";
      PoseDataset dataset = (PoseDataset) build(datasetKey,
          () -> readAgain(Registries.DATASETS, moduleAt(loaderCfg.get("dataset"), datasetKey), BuildWithoutData::lazy)
              .build(BuildContext.empty()));
      if (dataset == null) {
        continue;
      }
      datasets.put(loader, dataset);
      if (loaderCfg.get("sampler") instanceof ModuleConfig<?> sampler) {
        build(loader + ".sampler", () -> sampler.build(BuildContext.of(Map.of("dataset", dataset))));
      }
    }
    DatasetMeta meta = datasets.values().stream().findFirst().map(PoseDataset::metainfo).orElse(null);
    for (String evaluator : List.of("val_evaluator", "test_evaluator")) {
      PoseDataset dataset = datasets.get(evaluator.replace("evaluator", "dataloader"));
      DatasetMeta evaluated = dataset != null ? dataset.metainfo() : meta;
      Object metrics = typed.root().get(evaluator);
      if (evaluated != null && metrics != null) {
        eachModule(evaluator, metrics, BuildContext.of(Map.of("dataset_meta", evaluated)));
      }
    }
    // MMEngine's build_visualizer: the config's, else a PoseLocalVisualizer
    Object visualizerCfg = typed.root().get("visualizer");
    Object visualizer = build("visualizer", () -> visualizerCfg != null
        ? moduleAt(visualizerCfg, "visualizer").build(BuildContext.empty())
        : registry.build(Registries.VISUALIZERS, Map.of("type", "PoseLocalVisualizer"), BuildContext.empty()));
    LogProcessor logProcessor = (LogProcessor) build("log_processor", () -> typed.root().get("log_processor") != null
        ? moduleAt(typed.root().get("log_processor"), "log_processor").build(BuildContext.empty())
        : new LogProcessor(10, true, 4));
    // the optimizer wrapper as train builds it; it is built over the parameters of the graph
    Map<String, Object> optimWrapperCfg = runnerConfig.module("optim_wrapper") != null
        ? runnerConfig.module("optim_wrapper").toMap() : Map.of();
    @SuppressWarnings("unchecked") // what the supplier returns
    Function<List<Parameter>, OptimWrapper> optimWrapper = (Function<List<Parameter>, OptimWrapper>) build("optim_wrapper",
        () -> PoseRunnerBuilder.optimWrapper(runnerConfig));
    if (!(model instanceof TopdownPoseEstimator estimator) || meta == null || logProcessor == null || visualizer == null) {
      if (model != null && !(model instanceof TopdownPoseEstimator)) {
        problem("model", "check builds the graph of top-down pose estimators only, got " + model.getClass().getSimpleName());
      } else if (model != null && meta == null && datasets.isEmpty() && problems.isEmpty()) {
        problem("train_dataloader", "no data loader with a dataset: the model's keypoints (flip indices) come from its dataset's metainfo");
      }
      return null;
    }
    BuildContext hookContext = BuildContext.of(Map.of("dataset_meta", meta, "registry", registry, "visualizer", visualizer));
    if (typed.root().get("default_hooks") instanceof Map<?, ?> hooks) {
      hooks.forEach((name, hook) -> {
        if (hook != null) {
          eachModule("default_hooks." + name, hook, hookContext);
        }
      });
    }
    Object customHooks = typed.root().get("custom_hooks");
    if (customHooks != null) {
      eachModule("custom_hooks", customHooks, hookContext);
    }
    return problems.isEmpty() ? new Modules(estimator, meta, logProcessor, optimWrapper, optimWrapperCfg) : null;
  }

  /**
   * The model's graph with the optimizer wrapper over its parameters, then what needs them: the
   * schedulers (the wrapper's optimizer) and the loops (the runner, which holds the model). Null
   * (with {@link #problems()}) when a part did not build.
   */
  @Nullable Built buildGraph(Modules modules) {
    long seed = 0;
    TopdownModel topdown = (TopdownModel) build("model", () -> new TopdownModel(modules.estimator(), BATCH_SIZE,
        modules.meta().flipIndices(), seed, AmpOptimWrapper.precisionOfConfig(modules.optimWrapperCfg()),
        Device.parse(config.dict().get("device"), "device"), modules.optimWrapper()));
    if (topdown == null) {
      return null;
    }
    graphModel = topdown;
    Runner runner = new Runner(topdown, workDir, new Randomness(seed, false), modules.logProcessor());
    OptimWrapper wrapper = topdown.optimWrapper();
    Object schedulers = typed.root().get("param_scheduler");
    if (schedulers != null) {
      eachModule("param_scheduler", schedulers,
          BuildContext.of(Map.of("optimizer", wrapper.optimizer(), "epoch_length", UNKNOWN_EPOCH_LENGTH)));
    }
    BuildContext withRunner = BuildContext.of(Map.of("runner", runner));
    // the loops as train and test build them: typed with the runner's default types
    for (String loop : List.of("train_cfg", "val_cfg", "test_cfg")) {
      ModuleConfig<?> cfg = runnerConfig.module(loop);
      if (cfg != null) {
        build(loop, () -> cfg.build(withRunner));
      }
    }
    return problems.isEmpty() ? new Built(topdown, wrapper) : null;
  }

  /** Frees the model's graph and session. */
  @Override
  public void close() {
    if (graphModel != null) {
      graphModel.graph().close();
    }
  }

  /** One module, or each module of a list (evaluators, schedulers, custom hooks), at its own key path. */
  private void eachModule(String key, Object value, BuildContext context) {
    if (value instanceof List<?> || value instanceof Tuple) {
      List<?> items = value instanceof Tuple t ? t.asList() : (List<?>) value;
      for (int i = 0; i < items.size(); i++) {
        Object item = items.get(i);
        String at = key + "." + i;
        build(at, () -> moduleAt(item, at).build(context));
      }
    } else {
      build(key, () -> moduleAt(value, key).build(context));
    }
  }

  private ModuleConfig<?> module(String key) {
    return moduleAt(typed.root().get(key), key);
  }

  private static ModuleConfig<?> moduleAt(Object value, String key) {
    if (value instanceof ModuleConfig<?> module) {
      return module;
    }
    throw new ConfigException(new ConfigProblem(KeyPath.parse(key),
        "expected a dict with a 'type' to build, got " + (value instanceof Map<?, ?> ? "a dict without 'type'" : String.valueOf(value)),
        null, null));
  }

  /** {@code typed} with its dict changed by {@code change}, read again by its registry. */
  private ModuleConfig<?> readAgain(String registryName, ModuleConfig<?> typedConfig, Function<Object, Object> change) {
    return registry.readConfig(registryName,
        (Map<?, ?>) change.apply(TypedConfig.plain(typedConfig, registry.defaultScope())));
  }

  /** Every dict that takes {@code lazy_init} (a data set, the data sets of a combined one) with it set. */
  private static Object lazy(Object value) {
    return rewrite(value, dict -> {
      if (dict.containsKey("lazy_init")) {
        dict.put("lazy_init", true);
      }
    });
  }

  /** Without the {@code Pretrained} entries of every {@code init_cfg}. */
  private static Object withoutPretrained(Object value) {
    return rewrite(value, dict -> {
      Object init = dict.get("init_cfg");
      if (isPretrained(init)) {
        dict.put("init_cfg", null);
      } else if (init instanceof List<?> || init instanceof Tuple) {
        List<?> items = init instanceof Tuple t ? t.asList() : (List<?>) init;
        dict.put("init_cfg", items.stream().filter(i -> !isPretrained(i)).toList());
      }
    });
  }

  private static boolean isPretrained(Object init) {
    return init instanceof Map<?, ?> m && "Pretrained".equals(m.get("type"));
  }

  @SuppressWarnings("unchecked")
  private static Object rewrite(Object value, java.util.function.Consumer<Map<Object, Object>> change) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, rewrite(v, change)));
      change.accept(out);
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> rewrite(v, change)).toList();
    }
    if (value instanceof Tuple tuple) {
      return Tuple.copyOf(tuple.asList().stream().map(v -> rewrite(v, change)).toList());
    }
    return value;
  }

  /** Runs one part's build; a failure is a problem at {@code key}, and the part is null. */
  private @Nullable Object build(String key, Supplier<Object> part) {
    try {
      return part.get();
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        problems.add(p.location() != null ? p : new ConfigProblem(p.path(), p.message(), p.hint(), locate(key)));
      }
    } catch (RuntimeException e) { // a constructor's check of its arguments, or TensorFlow refusing the graph
      problem(key, e.getMessage() != null ? e.getMessage() : e.toString());
    }
    return null;
  }

  private void problem(String key, String message) {
    problems.add(new ConfigProblem(KeyPath.parse(key), message, null, locate(key)));
  }

  /** Where the config wrote the value at {@code key}: the innermost located dict on the way. */
  private @Nullable SourceLocation locate(String key) {
    Object current = config.dict();
    SourceLocation found = null;
    for (String segment : KeyPath.parse(key).segments()) {
      Object next = null;
      if (current instanceof Map<?, ?> map) {
        if (current instanceof LocatedMap located) {
          found = located.locationOf(segment).orElse(found);
        }
        next = map.get(segment);
      } else if (current instanceof List<?> list && segment.chars().allMatch(Character::isDigit)
          && Integer.parseInt(segment) < list.size()) {
        next = list.get(Integer.parseInt(segment));
      }
      if (next == null) {
        break;
      }
      current = next;
    }
    return found;
  }
}
