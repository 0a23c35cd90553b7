package io.posekit.runtime.runner;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Registries;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.TrainLoop;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.engine.hooks.RuntimeInfoHook;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.loops.TestLoop;
import io.posekit.runtime.engine.loops.ValLoop;
import io.posekit.runtime.engine.model.Parameter;
import io.posekit.runtime.engine.optim.AmpOptimWrapper;
import io.posekit.runtime.engine.optim.AutoScaleLr;
import io.posekit.runtime.engine.optim.DefaultOptimWrapperConstructor;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
import io.posekit.runtime.pose.MetricEvaluator;
import io.posekit.runtime.pose.PoseDataSource;
import io.posekit.runtime.pose.TopdownModel;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.datasets.PoseDataset;
import io.posekit.tfmodels.datasets.Sampler;
import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.evaluation.Metric;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.visualization.PoseLocalVisualizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * MMEngine's {@code Runner.from_cfg} for top-down pose configs: builds the model, data, optimizer
 * wrapper, schedulers, loops, hooks and randomness from the config keys ({@code model},
 * {@code train_dataloader}, {@code val_dataloader}, {@code val_evaluator}, {@code optim_wrapper},
 * {@code param_scheduler}, {@code train_cfg}, {@code default_hooks}, {@code custom_hooks},
 * {@code randomness}, {@code log_processor}, {@code work_dir}, {@code load_from}, {@code resume}).
 */
public final class PoseRunnerBuilder {
  private PoseRunnerBuilder() {}

  /** A built runner, the checkpoint to resume from (or null), and the loaders and visualizer to close after the run. */
  public record Built(Runner runner, @Nullable Path resumeFrom, List<DataLoader> loaders, PoseLocalVisualizer visualizer)
      implements AutoCloseable {
    @Override
    public void close() {
      loaders.forEach(DataLoader::close);
      visualizer.close();
    }
  }

  /** {@code Runner.from_cfg} followed by {@code runner.train()}: everything training and validation need. */
  public static Built fromCfg(Config cfg, Registry baseRegistry) {
    Registry registry = scoped(cfg, baseRegistry);
    Path workDir = Path.of(require(cfg, "work_dir").toString());
    Randomness randomness = randomness(map(cfg.dict().get("randomness"), "randomness"));
    @Nullable AutoScaleLr autoScaleLr = autoScaleLr(map(cfg.dict().get("auto_scale_lr"), "auto_scale_lr"));
    generateDemoData(map(cfg.dict().get("demo_data"), "demo_data"));

    TopdownPoseEstimator estimator = (TopdownPoseEstimator) registry.build(Registries.MODELS, map(require(cfg, "model"), "model"), BuildContext.empty());
    Map<Object, Object> trainLoaderCfg = map(require(cfg, "train_dataloader"), "train_dataloader");
    DataLoader trainLoader = dataLoader(registry, trainLoaderCfg, randomness.seed());
    DatasetMeta meta = trainLoader.dataset().metainfo();
    Precision precision = AmpOptimWrapper.precisionOfConfig(map(require(cfg, "optim_wrapper"), "optim_wrapper"));
    Map<Object, Object> optimWrapperCfg = map(require(cfg, "optim_wrapper"), "optim_wrapper");
    TopdownModel model = new TopdownModel(estimator, trainLoader.batchSize(), meta.flipIndices(), randomness.seed(), precision,
        Device.parse(cfg.dict().get("device"), "device"), optimWrapper(registry, optimWrapperCfg));

    Runner runner = new Runner(model, workDir, randomness, logProcessor(registry, cfg));
    List<DataLoader> loaders = new ArrayList<>(List.of(trainLoader));
    runner.trainData(new PoseDataSource(trainLoader, model, true));

    Object valLoaderCfg = cfg.dict().get("val_dataloader");
    if (valLoaderCfg != null) {
      DataLoader valLoader = dataLoader(registry, map(valLoaderCfg, "val_dataloader"), randomness.seed());
      loaders.add(valLoader);
      runner.val(new PoseDataSource(valLoader, model, false), evaluator(registry, require(cfg, "val_evaluator"), "val_evaluator", valLoader.dataset().metainfo()));
      runner.valLoop(new ValLoop(runner));
    }

    runner.optimWrapper(model.optimWrapper());
    if (autoScaleLr != null) {
      double ratio = autoScaleLr.apply(runner.optimWrapper(), trainLoader.batchSize(), 1);
      runner.log("LR is set based on batch size of " + autoScaleLr.baseBatchSize() + " and the current batch size is "
          + trainLoader.batchSize() + ". Scaling the original LR by " + ratio + ".");
    }
    BuildContext schedulerCtx = BuildContext.of(Map.of("optimizer", runner.optimWrapper().optimizer(), "epoch_length", trainLoader.length()));
    List<ParamScheduler> schedulers = new ArrayList<>();
    for (Object s : list(cfg.dict().get("param_scheduler"))) {
      schedulers.add((ParamScheduler) registry.build(Registries.PARAM_SCHEDULERS, map(s, "param_scheduler"), schedulerCtx));
    }
    runner.paramSchedulers(schedulers);

    BuildContext withRunner = BuildContext.of(Map.of("runner", runner));
    runner.trainLoop((TrainLoop) registry.build(Registries.LOOPS, trainCfg(map(require(cfg, "train_cfg"), "train_cfg")), withRunner));
    PoseLocalVisualizer visualizer = visualizer(registry, cfg, runner, meta);
    registerHooks(registry, cfg, runner, visualizer, meta);
    runner.datasetMeta(datasetMeta(meta));
    runner.configText(cfg.prettyText());

    Object loadFrom = cfg.dict().get("load_from");
    if (loadFrom != null) {
      loadFrom(runner, model, loadFrom.toString());
    }
    return new Built(runner, resumeFrom(cfg.dict().get("resume"), workDir), List.copyOf(loaders), visualizer);
  }

  /**
   * {@code Runner.from_cfg} followed by {@code runner.test()}, as MMPose's {@code tools/test.py}
   * runs it: the model, {@code test_dataloader}, {@code test_evaluator}, the {@code TestLoop} and
   * the hooks; no training data, optimizer or schedulers. The weights come from {@code load_from}
   * ({@code test CONFIG CHECKPOINT} sets it). The graph's batch size is the test loader's, so a
   * test with the val loader's settings computes exactly what validation computed.
   */
  public static Built forTest(Config cfg, Registry baseRegistry) {
    Registry registry = scoped(cfg, baseRegistry);
    Path workDir = Path.of(require(cfg, "work_dir").toString());
    Randomness randomness = randomness(map(cfg.dict().get("randomness"), "randomness"));
    generateDemoData(map(cfg.dict().get("demo_data"), "demo_data"));

    TopdownPoseEstimator estimator = (TopdownPoseEstimator) registry.build(Registries.MODELS, map(require(cfg, "model"), "model"), BuildContext.empty());
    DataLoader testLoader = dataLoader(registry, map(require(cfg, "test_dataloader"), "test_dataloader"), randomness.seed());
    DatasetMeta meta = testLoader.dataset().metainfo();
    Device device = Device.parse(cfg.dict().get("device"), "device");
    TopdownModel model = new TopdownModel(estimator, testLoader.batchSize(), meta.flipIndices(), randomness.seed(),
        testPrecision(map(cfg.dict().get("test_cfg"), "test_cfg"), device), device);

    Runner runner = new Runner(model, workDir, randomness, logProcessor(registry, cfg));
    runner.test(new PoseDataSource(testLoader, model, false), evaluator(registry, require(cfg, "test_evaluator"), "test_evaluator", meta));
    runner.testLoop(new TestLoop(runner));
    PoseLocalVisualizer visualizer = visualizer(registry, cfg, runner, meta);
    registerHooks(registry, cfg, runner, visualizer, meta);
    runner.datasetMeta(datasetMeta(meta));
    runner.configText(cfg.prettyText());
    loadFrom(runner, model, require(cfg, "load_from").toString());
    return new Built(runner, null, List.of(testLoader), visualizer);
  }

  /**
   * MMEngine's {@code TestLoop(fp16=...)}: {@code test_cfg=dict(fp16=True)} runs the test under
   * autocast, whose low precision is bfloat16 on a CPU and float16 on a GPU; anything else in
   * {@code test_cfg} would be ignored, so it is refused.
   */
  private static Precision testPrecision(Map<Object, Object> testCfg, Device device) {
    for (Object key : testCfg.keySet()) {
      check("fp16".equals(key) || "type".equals(key), "test_cfg." + key + ": unknown key (TestLoop takes fp16)");
    }
    check(testCfg.get("type") == null || "TestLoop".equals(testCfg.get("type")), "test_cfg.type must be TestLoop, got " + testCfg.get("type"));
    Object fp16 = testCfg.get("fp16");
    check(fp16 == null || fp16 instanceof Boolean, "test_cfg.fp16 must be True or False, got " + fp16);
    if (!Boolean.TRUE.equals(fp16)) {
      return Precision.FLOAT32;
    }
    return device.isGpu() ? Precision.FLOAT16 : Precision.BFLOAT16;
  }

  /** {@code load_from}: a checkpoint of ours through the runner (weights only), an MMPose {@code .pth} into the model. */
  private static void loadFrom(Runner runner, TopdownModel model, String checkpoint) {
    Path file = Path.of(checkpoint);
    if (Files.isRegularFile(file) && CheckpointIO.isPoseKitCheckpoint(file)) {
      runner.loadCheckpoint(file);
      return;
    }
    var report = model.loadPretrained(checkpoint);
    runner.log("Loads checkpoint by local backend from path: " + checkpoint
        + (report.isClean() ? "" : "\n" + report));
  }

  private static Registry scoped(Config cfg, Registry baseRegistry) {
    Object scope = cfg.dict().get("default_scope");
    return baseRegistry.withDefaultScope(scope == null ? "mmpose" : scope.toString());
  }

  private static LogProcessor logProcessor(Registry registry, Config cfg) {
    return (LogProcessor) registry.build(Registries.LOG_PROCESSORS,
        withType(map(cfg.dict().get("log_processor"), "log_processor"), "LogProcessor"), BuildContext.empty());
  }

  /** {@code default_hooks} (a None entry switches that hook off, as in MMEngine) and {@code custom_hooks}. */
  /** Hooks get what MMEngine's hooks reach through the runner: the runner, its visualizer, the dataset meta, the registry. */
  private static void registerHooks(Registry registry, Config cfg, Runner runner, PoseLocalVisualizer visualizer, DatasetMeta meta) {
    BuildContext withRunner = BuildContext.of(Map.of("runner", runner, "visualizer", visualizer, "dataset_meta", meta, "registry", registry));
    runner.registerHook(new RuntimeInfoHook()); // MMEngine always adds it
    Map<Object, Object> defaultHooks = map(cfg.dict().get("default_hooks"), "default_hooks");
    defaultHooks.forEach((name, h) -> {
      if (h != null) {
        runner.registerHook((Hook) registry.build(Registries.HOOKS, map(h, "default_hooks." + name), withRunner));
      }
    });
    for (Object h : list(cfg.dict().get("custom_hooks"))) {
      Map<Object, Object> hook = new LinkedHashMap<>(map(h, "custom_hooks"));
      Object priority = hook.remove("priority");
      runner.registerHook((Hook) registry.build(Registries.HOOKS, hook, withRunner), priority);
    }
  }

  private static Map<String, Object> datasetMeta(DatasetMeta meta) {
    Map<String, Object> datasetMeta = new LinkedHashMap<>();
    datasetMeta.put("dataset_name", meta.datasetName());
    datasetMeta.put("num_keypoints", meta.numKeypoints());
    return datasetMeta;
  }

  /**
   * MMEngine's {@code Runner.build_visualizer}: the config's {@code visualizer} (or one with a
   * {@code LocalVisBackend}), named {@code visualizer} and saving under the log dir unless the
   * config says otherwise; its backends write to {@code <log dir>/vis_data}.
   */
  private static PoseLocalVisualizer visualizer(Registry registry, Config cfg, Runner runner, DatasetMeta meta) {
    Path logDir = runner.logDir();
    Map<Object, Object> visCfg = new LinkedHashMap<>(map(cfg.dict().get("visualizer"), "visualizer"));
    if (visCfg.isEmpty()) {
      visCfg.put("type", "PoseLocalVisualizer");
      visCfg.put("vis_backends", List.of(Map.of("type", "LocalVisBackend")));
    }
    visCfg.putIfAbsent("name", "visualizer");
    visCfg.putIfAbsent("save_dir", logDir.toString());
    Object built = registry.build(Registries.VISUALIZERS, visCfg, BuildContext.empty());
    if (!(built instanceof PoseLocalVisualizer visualizer)) {
      throw new IllegalArgumentException("visualizer: top-down training draws with a PoseLocalVisualizer, got " + visCfg.get("type"));
    }
    visualizer.setDatasetMeta(meta);
    visualizer.addConfig(cfg.prettyText());
    runner.scalarWriter(visualizer::addScalars);
    return visualizer;
  }

  /**
   * MMEngine's {@code Runner.scale_lr}, checked before anything is built: with
   * {@code auto_scale_lr.enable}, every learning rate is multiplied by {@code batch_size / base_batch_size}
   * (one process) before the schedulers record their initial lr; null when not enabled.
   */
  private static @Nullable AutoScaleLr autoScaleLr(Map<Object, Object> cfg) {
    if (!Boolean.TRUE.equals(cfg.get("enable"))) {
      return null;
    }
    Object base = cfg.get("base_batch_size");
    if (!(base instanceof Integer size)) {
      throw new IllegalArgumentException("auto_scale_lr.enable=True needs an int auto_scale_lr.base_batch_size, got "
          + (base == null ? "None" : base));
    }
    return new AutoScaleLr(size, true);
  }

  /** {@code resume=True}: the work dir's {@code last_checkpoint} (none yet: start fresh, as MMEngine); a path: that file. */
  private static @Nullable Path resumeFrom(@Nullable Object resume, Path workDir) {
    if (resume == null || Boolean.FALSE.equals(resume)) {
      return null;
    }
    if (Boolean.TRUE.equals(resume)) {
      return Files.exists(workDir.resolve(CheckpointIO.LAST_CHECKPOINT)) ? CheckpointIO.findLastCheckpoint(workDir) : null;
    }
    return Path.of(resume.toString());
  }

  /**
   * The demo config's {@code demo_data=dict(data_root=..., num_train=..., num_val=..., width=..., height=..., seed=...)}:
   * the synthetic COCO set is written there when its train annotations are missing.
   */
  private static void generateDemoData(Map<Object, Object> cfg) {
    if (cfg.isEmpty()) {
      return;
    }
    Path root = Path.of(require(cfg, "data_root", "demo_data").toString());
    if (Files.exists(root.resolve("annotations/person_keypoints_train2017.json"))) {
      return;
    }
    SyntheticCocoGenerator.generate(new SyntheticCocoGenerator.Options(root, intOr(cfg.get("seed"), 0),
        intOr(cfg.get("num_train"), 1000), intOr(cfg.get("num_val"), 100), intOr(cfg.get("width"), 320), intOr(cfg.get("height"), 240)));
  }

  private static Object require(Map<Object, Object> cfg, String key, String where) {
    Object v = cfg.get(key);
    if (v == null) {
      throw new IllegalArgumentException(where + " has no '" + key + "'");
    }
    return v;
  }

  private static Randomness randomness(Map<Object, Object> cfg) {
    Object seed = cfg.get("seed");
    long s = seed == null ? new java.security.SecureRandom().nextInt() & 0x7fffffff : ((Number) seed).longValue();
    return new Randomness(s, Boolean.TRUE.equals(cfg.get("deterministic")));
  }

  /** MMEngine's {@code build_dataloader}: dataset, sampler (seeded from the run when it has no seed), loader. */
  private static DataLoader dataLoader(Registry registry, Map<Object, Object> cfg, long seed) {
    PoseDataset dataset = (PoseDataset) registry.build(Registries.DATASETS, map(cfg.get("dataset"), "dataset"), BuildContext.empty());
    Map<Object, Object> samplerCfg = new LinkedHashMap<>(map(cfg.get("sampler"), "sampler"));
    samplerCfg.putIfAbsent("seed", (int) seed);
    Sampler sampler = (Sampler) registry.build(Registries.DATA_SAMPLERS, withType(samplerCfg, "DefaultSampler"), BuildContext.of(Map.of("dataset", dataset)));
    int workers = intOr(cfg.get("num_workers"), 0);
    boolean persistent = workers > 0 && Boolean.TRUE.equals(cfg.get("persistent_workers"));
    return new DataLoader(dataset, sampler, intOr(cfg.get("batch_size"), 1), workers, persistent,
        Boolean.TRUE.equals(cfg.get("drop_last")), seed);
  }

  private static MetricEvaluator evaluator(Registry registry, Object cfg, String key, DatasetMeta meta) {
    BuildContext ctx = BuildContext.of(Map.of("dataset_meta", meta));
    List<Metric> metrics = new ArrayList<>();
    for (Object m : cfg instanceof List<?> l ? l : List.of(cfg)) {
      metrics.add((Metric) registry.build(Registries.METRICS, map(m, key), ctx));
    }
    return new MetricEvaluator(metrics);
  }

  /**
   * MMEngine's {@code build_optim_wrapper} with its {@code DefaultOptimWrapperConstructor}, applied
   * to the model's parameters once its graph knows them; the graph then carries out the wrapper (SGD,
   * Adam or AdamW with {@code paramwise_cfg}, {@code clip_grad}, {@code accumulative_counts},
   * AmpOptimWrapper's loss scale). The config is read here, so its errors come before the model is built.
   */
  private static Function<List<Parameter>, OptimWrapper> optimWrapper(Registry registry, Map<Object, Object> cfg) {
    Map<Object, Object> wrapper = new LinkedHashMap<>(withType(cfg, "OptimWrapper"));
    check("OptimWrapper".equals(wrapper.get("type")) || "AmpOptimWrapper".equals(wrapper.get("type")),
        "optim_wrapper.type must be OptimWrapper or AmpOptimWrapper, got " + wrapper.get("type"));
    Object type = map(cfg.get("optimizer"), "optim_wrapper.optimizer").get("type");
    check(List.of("SGD", "Adam", "AdamW").contains(type),
        "optim_wrapper.optimizer.type: top-down models train with SGD, Adam or AdamW in their graph, got " + type);
    Object constructor = wrapper.remove("constructor");
    check(constructor == null || "DefaultOptimWrapperConstructor".equals(constructor),
        "optim_wrapper.constructor: only DefaultOptimWrapperConstructor is supported, got " + constructor);
    Object paramwise = wrapper.remove("paramwise_cfg");
    DefaultOptimWrapperConstructor groups = paramwise == null ? new DefaultOptimWrapperConstructor(null)
        : (DefaultOptimWrapperConstructor) registry.build(Registries.OPTIM_WRAPPER_CONSTRUCTORS,
            Map.of("type", "DefaultOptimWrapperConstructor", "paramwise_cfg", map(paramwise, "optim_wrapper.paramwise_cfg")),
            BuildContext.empty());
    @SuppressWarnings("unchecked")
    ModuleConfig<? extends OptimWrapper> wrapperCfg = (ModuleConfig<? extends OptimWrapper>) registry.readConfig(Registries.OPTIM_WRAPPERS, wrapper);
    return params -> groups.build(wrapperCfg, params);
  }

  /** MMPose writes {@code train_cfg=dict(by_epoch=True, max_epochs=..., val_interval=...)}; {@code by_epoch=False} with {@code max_iters} is iteration-based. */
  private static Map<Object, Object> trainCfg(Map<Object, Object> cfg) {
    Map<Object, Object> out = new LinkedHashMap<>(cfg);
    Object byEpoch = out.remove("by_epoch");
    if (!out.containsKey("type")) { // MMEngine's Runner.build_train_loop: by_epoch picks the loop
      out.put("type", byEpoch == null || Boolean.TRUE.equals(byEpoch) ? "EpochBasedTrainLoop" : "IterBasedTrainLoop");
    }
    return out;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static Object require(Config cfg, String key) {
    Object v = cfg.dict().get(key);
    if (v == null) {
      throw new IllegalArgumentException("the config has no '" + key + "'");
    }
    return v;
  }

  private static Map<Object, Object> withType(Map<Object, Object> cfg, String type) {
    Map<Object, Object> out = new LinkedHashMap<>(cfg);
    out.putIfAbsent("type", type);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> map(@Nullable Object value, String key) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(key + ": expected a dict, got " + value);
    }
    return (Map<Object, Object>) value;
  }

  private static List<?> list(@Nullable Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? l : List.of(value);
  }

  private static int intOr(@Nullable Object value, int fallback) {
    return value == null ? fallback : ((Number) value).intValue();
  }

}
