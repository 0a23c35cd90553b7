package io.posekit.runtime.runner;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Registries;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Loop;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.TrainLoop;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.engine.hooks.RuntimeInfoHook;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.loops.TestLoop;
import io.posekit.runtime.engine.loops.TestLoopConfig;
import io.posekit.runtime.engine.loops.ValLoop;
import io.posekit.runtime.engine.optim.AmpOptimWrapper;
import io.posekit.runtime.engine.dist.DistContext;
import io.posekit.runtime.engine.optim.AutoScaleLr;
import io.posekit.runtime.engine.optim.DefaultOptimWrapperConstructor;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
import io.posekit.runtime.pose.MetricEvaluator;
import io.posekit.runtime.pose.PoseDataSource;
import io.posekit.runtime.pose.TopdownModel;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.datasets.PoseDataset;
import io.posekit.tfmodels.datasets.DefaultSampler;
import io.posekit.tfmodels.datasets.InfiniteSampler;
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
 * wrapper, schedulers, loops, hooks and randomness from the typed configs of a
 * {@link TypedRunnerConfig}, which has checked the whole config first. A part that fails to build
 * fails naming its key path and where it was written ({@link BuildStep}).
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
      runner.close();
    }
  }

  /** {@code Runner.from_cfg} followed by {@code runner.train()}. @throws ConfigException with every problem, before any work */
  public static Built fromCfg(Config cfg, Registry baseRegistry) {
    return fromCfg(TypedRunnerConfig.forTrain(cfg, baseRegistry));
  }

  /** {@code Runner.from_cfg} followed by {@code runner.train()}: everything training and validation need. */
  public static Built fromCfg(TypedRunnerConfig cfg) {
    return fromCfg(cfg, DistContext.SINGLE);
  }

  /**
   * As {@link #fromCfg(TypedRunnerConfig)} for one rank of a data-parallel run ({@code dist}):
   * MMEngine's samplers shard the data, the graph averages gradients over the ranks (SyncBN with
   * {@code sync_bn}), {@code auto_scale_lr} counts every rank's batch, metrics see every rank's
   * predictions, and only rank 0 writes checkpoints and the log.
   */
  public static Built fromCfg(TypedRunnerConfig cfg, DistContext dist) {
    checkTopdownTraining(cfg);
    Path workDir = Path.of((String) cfg.value("work_dir"));
    long baseSeed = syncedSeed(cfg, dist);
    Randomness randomness = randomness(cfg, baseSeed, dist);
    generateDemoData(cfg, dist);

    TopdownPoseEstimator estimator = model(cfg);
    DataLoader trainLoader = dataLoader(cfg, cfg.dataLoader("train_dataloader"), randomness.seed(), dist);
    DatasetMeta meta = trainLoader.dataset().metainfo();
    Precision precision = BuildStep.at(cfg, "optim_wrapper",
        () -> AmpOptimWrapper.precisionOfConfig(cfg.module("optim_wrapper").toMap()));
    // the weights start from the run's seed on every rank (DDP's broadcast from rank 0 in effect)
    TopdownModel model = new TopdownModel(estimator, trainLoader.batchSize(), meta.flipIndices(), baseSeed, precision,
        device(cfg, dist), optimWrapper(cfg));

    Runner runner = new Runner(model, workDir, randomness, logProcessor(cfg)).logLevel(logLevel(cfg)).distributed(dist.info());
    List<DataLoader> loaders = new ArrayList<>(List.of(trainLoader));
    runner.trainData(new PoseDataSource(trainLoader, model, true));

    TypedRunnerConfig.DataLoaderCfg valLoaderCfg = cfg.dataLoader("val_dataloader");
    BuildContext withRunner = BuildContext.of(Map.of("runner", runner));
    if (valLoaderCfg != null) {
      DataLoader valLoader = dataLoader(cfg, valLoaderCfg, randomness.seed(), dist);
      loaders.add(valLoader);
      runner.val(new PoseDataSource(valLoader, model, false), evaluator(cfg, "val_evaluator", valLoader, dist));
      ModuleConfig<?> valCfg = cfg.module("val_cfg");
      runner.valLoop(valCfg == null ? new ValLoop(runner) : (Loop) BuildStep.at(cfg, "val_cfg", () -> valCfg.build(withRunner)));
    }

    runner.optimWrapper(model.optimWrapper());
    @Nullable AutoScaleLr autoScaleLr = autoScaleLr(cfg);
    if (autoScaleLr != null) {
      int world = dist.info().worldSize();
      double ratio = autoScaleLr.apply(runner.optimWrapper(), trainLoader.batchSize(), world);
      runner.log("LR is set based on batch size of " + autoScaleLr.baseBatchSize() + " and the current batch size is "
          + world * trainLoader.batchSize() + ". Scaling the original LR by " + ratio + ".");
    }
    BuildContext schedulerCtx = BuildContext.of(Map.of("optimizer", runner.optimWrapper().optimizer(), "epoch_length", trainLoader.length()));
    List<ParamScheduler> schedulers = new ArrayList<>();
    List<ModuleConfig<?>> schedulerCfgs = cfg.modules("param_scheduler");
    for (int i = 0; i < schedulerCfgs.size(); i++) {
      ModuleConfig<?> s = schedulerCfgs.get(i);
      schedulers.add((ParamScheduler) BuildStep.at(cfg, "param_scheduler" + (cfg.value("param_scheduler") instanceof Map<?, ?> ? "" : "." + i),
          () -> s.build(schedulerCtx)));
    }
    runner.paramSchedulers(schedulers);

    runner.trainLoop((TrainLoop) BuildStep.at(cfg, "train_cfg", () -> cfg.module("train_cfg").build(withRunner)));
    PoseLocalVisualizer visualizer = visualizer(cfg, runner, meta);
    registerHooks(cfg, runner, visualizer, meta);
    runner.datasetMeta(datasetMeta(meta));
    runner.configText(cfg.config().prettyText());

    Object loadFrom = cfg.value("load_from");
    if (loadFrom != null) {
      BuildStep.at(cfg, "load_from", () -> loadFrom(runner, model, loadFrom.toString()));
    }
    return new Built(runner, resumeFrom(cfg.value("resume"), workDir), List.copyOf(loaders), visualizer);
  }

  /** {@code Runner.from_cfg} followed by {@code runner.test()}. @throws ConfigException with every problem, before any work */
  public static Built forTest(Config cfg, Registry baseRegistry) {
    return forTest(TypedRunnerConfig.forTest(cfg, baseRegistry));
  }

  /**
   * {@code Runner.from_cfg} followed by {@code runner.test()}, as MMPose's {@code tools/test.py}
   * runs it: the model, {@code test_dataloader}, {@code test_evaluator}, the {@code TestLoop} and
   * the hooks; no training data, optimizer or schedulers. The weights come from {@code load_from}
   * ({@code test CONFIG CHECKPOINT} sets it). The graph's batch size is the test loader's, so a
   * test with the val loader's settings computes exactly what validation computed.
   */
  public static Built forTest(TypedRunnerConfig cfg) {
    return forTest(cfg, DistContext.SINGLE);
  }

  /** As {@link #forTest(TypedRunnerConfig)} for one rank of a data-parallel test: each rank predicts its share. */
  public static Built forTest(TypedRunnerConfig cfg, DistContext dist) {
    ModuleConfig<?> testCfg = cfg.module("test_cfg");
    if (testCfg != null && !(testCfg instanceof TestLoopConfig)) {
      throw problem(cfg, "test_cfg", "test runs with a TestLoop, got " + testCfg.type(), "remove test_cfg's type");
    }
    Path workDir = Path.of((String) cfg.value("work_dir"));
    long baseSeed = syncedSeed(cfg, dist);
    Randomness randomness = randomness(cfg, baseSeed, dist);
    generateDemoData(cfg, dist);

    TopdownPoseEstimator estimator = model(cfg);
    DataLoader testLoader = dataLoader(cfg, cfg.dataLoader("test_dataloader"), randomness.seed(), dist);
    DatasetMeta meta = testLoader.dataset().metainfo();
    Device device = device(cfg, dist);
    boolean fp16 = testCfg != null && ((TestLoopConfig) testCfg).fp16();
    // MMEngine's TestLoop(fp16=True) tests under autocast: bfloat16 on a CPU, float16 on a GPU
    Precision precision = !fp16 ? Precision.FLOAT32 : device.isGpu() ? Precision.FLOAT16 : Precision.BFLOAT16;
    TopdownModel model = new TopdownModel(estimator, testLoader.batchSize(), meta.flipIndices(), baseSeed, precision, device);

    Runner runner = new Runner(model, workDir, randomness, logProcessor(cfg)).logLevel(logLevel(cfg)).distributed(dist.info());
    runner.test(new PoseDataSource(testLoader, model, false), evaluator(cfg, "test_evaluator", testLoader, dist));
    BuildContext withRunner = BuildContext.of(Map.of("runner", runner));
    runner.testLoop(testCfg == null ? new TestLoop(runner, false) : (Loop) BuildStep.at(cfg, "test_cfg", () -> testCfg.build(withRunner)));
    PoseLocalVisualizer visualizer = visualizer(cfg, runner, meta);
    registerHooks(cfg, runner, visualizer, meta);
    runner.datasetMeta(datasetMeta(meta));
    runner.configText(cfg.config().prettyText());
    BuildStep.at(cfg, "load_from", () -> loadFrom(runner, model, cfg.value("load_from").toString()));
    return new Built(runner, null, List.of(testLoader), visualizer);
  }

  /**
   * The config's {@code model}, a top-down estimator (what PoseKit's graph runs).
   *
   * @throws ConfigException naming {@code model.type} for another model
   */
  public static TopdownPoseEstimator model(TypedRunnerConfig cfg) {
    ModuleConfig<?> model = cfg.model();
    if (!TopdownPoseEstimator.class.isAssignableFrom(model.moduleType())) {
      throw problem(cfg, "model.type", model.type() + " is not a TopdownPoseEstimator; PoseKit runs top-down heatmap models", null);
    }
    return (TopdownPoseEstimator) BuildStep.at(cfg, "model", () -> model.build(BuildContext.empty()));
  }

  /**
   * What the top-down graph carries out of {@code optim_wrapper}, checked before anything is
   * built: an OptimWrapper or AmpOptimWrapper, SGD, Adam or AdamW, DefaultOptimWrapperConstructor.
   */
  private static void checkTopdownTraining(TypedRunnerConfig cfg) {
    List<ConfigProblem> problems = new ArrayList<>();
    ModuleConfig<?> wrapper = cfg.module("optim_wrapper");
    if (!List.of("OptimWrapper", "AmpOptimWrapper").contains(wrapper.type())) {
      problems.add(new ConfigProblem(KeyPath.parse("optim_wrapper.type"), "top-down models train with OptimWrapper or AmpOptimWrapper, got "
          + wrapper.type(), null, cfg.locate(KeyPath.parse("optim_wrapper.type"))));
    }
    Object optimizer = wrapper.toMap().get("optimizer") instanceof Map<?, ?> o ? o.get("type") : null;
    if (!List.of("SGD", "Adam", "AdamW").contains(optimizer)) {
      problems.add(new ConfigProblem(KeyPath.parse("optim_wrapper.optimizer.type"), "top-down models train with SGD, Adam or AdamW in their graph, got "
          + optimizer, null, cfg.locate(KeyPath.parse("optim_wrapper.optimizer.type"))));
    }
    if (wrapper instanceof OptimWrapperCfg keyed && !OptimWrapperCfg.DEFAULT_CONSTRUCTOR.equals(keyed.constructor().type())) {
      problems.add(new ConfigProblem(KeyPath.parse("optim_wrapper.constructor"), "only " + OptimWrapperCfg.DEFAULT_CONSTRUCTOR
          + " is supported, got " + keyed.constructor().type(), null, cfg.locate(KeyPath.parse("optim_wrapper.constructor"))));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("config " + cfg.file() + " cannot train", problems);
    }
  }

  private static ConfigException problem(TypedRunnerConfig cfg, String dottedPath, String message, @Nullable String hint) {
    KeyPath path = KeyPath.parse(dottedPath);
    return new ConfigException("config " + cfg.file(),
        List.of(new ConfigProblem(path, message, hint, cfg.locate(path))));
  }

  /** The config's {@code device}; in a data-parallel run this rank's task of the cluster. */
  private static Device device(TypedRunnerConfig cfg, DistContext dist) {
    Device device = BuildStep.at(cfg, "device", () -> Device.parse(cfg.value("device"), "device"));
    if (!dist.isDistributed()) {
      return device;
    }
    Object syncBn = cfg.value("sync_bn");
    if (syncBn != null && !List.of("torch", "mmcv").contains(syncBn)) {
      throw problem(cfg, "sync_bn", "sync_bn should be \"torch\" or \"mmcv\", got '" + syncBn + "'", null);
    }
    return device.inCluster(dist.cluster(), dist.timeout(), syncBn != null);
  }

  /** {@code load_from}: a checkpoint of ours through the runner (weights only), an MMPose {@code .pth} into the model. */
  private static Void loadFrom(Runner runner, TopdownModel model, String checkpoint) {
    Path file = Path.of(checkpoint);
    if (Files.isRegularFile(file) && CheckpointIO.isPoseKitCheckpoint(file)) {
      runner.loadCheckpoint(file);
      return null;
    }
    var report = model.loadPretrained(checkpoint);
    runner.log("Loads checkpoint by local backend from path: " + checkpoint
        + (report.isClean() ? "" : "\n" + report));
    return null;
  }

  /** {@code log_level}, MMEngine's default INFO when the config has none (its value was checked with the whole config). */
  private static Object logLevel(TypedRunnerConfig cfg) {
    Object level = cfg.value("log_level");
    return level == null ? "INFO" : level;
  }

  /** MMEngine's {@code Runner.build_log_processor}: {@code type='LogProcessor'} unless the config names one. */
  private static LogProcessor logProcessor(TypedRunnerConfig cfg) {
    ModuleConfig<?> processor = cfg.module("log_processor");
    if (processor == null) {
      processor = cfg.registry().readConfig(Registries.LOG_PROCESSORS, Map.of("type", "LogProcessor"));
    }
    ModuleConfig<?> built = processor;
    return (LogProcessor) BuildStep.at(cfg, "log_processor", () -> built.build(BuildContext.empty()));
  }

  /**
   * {@code default_hooks} (a None entry switches that hook off, as in MMEngine) and
   * {@code custom_hooks}, each with its {@code priority}; hooks get what MMEngine's hooks reach
   * through the runner: the runner, its visualizer, the dataset meta, the registry.
   */
  private static void registerHooks(TypedRunnerConfig cfg, Runner runner, PoseLocalVisualizer visualizer, DatasetMeta meta) {
    BuildContext withRunner = BuildContext.of(Map.of("runner", runner, "visualizer", visualizer, "dataset_meta", meta,
        "registry", cfg.registry()));
    runner.registerHook(new RuntimeInfoHook()); // MMEngine always adds it
    cfg.defaultHooks().forEach((name, hook) -> registerHook(cfg, runner, "default_hooks." + name, hook, withRunner));
    List<ModuleConfig<?>> custom = cfg.modules("custom_hooks");
    for (int i = 0; i < custom.size(); i++) {
      registerHook(cfg, runner, "custom_hooks." + i, custom.get(i), withRunner);
    }
  }

  private static void registerHook(TypedRunnerConfig cfg, Runner runner, String path, ModuleConfig<?> hook, BuildContext ctx) {
    Hook built = (Hook) BuildStep.at(cfg, path, () -> hook.build(ctx));
    runner.registerHook(built, hook instanceof HookCfg keyed ? keyed.priority() : null);
  }

  private static Map<String, Object> datasetMeta(DatasetMeta meta) {
    Map<String, Object> datasetMeta = new LinkedHashMap<>();
    datasetMeta.put("dataset_name", meta.datasetName());
    datasetMeta.put("num_keypoints", meta.numKeypoints());
    return datasetMeta;
  }

  /**
   * MMEngine's {@code Runner.build_visualizer}: the config's {@code visualizer} (or one with a
   * {@code LocalVisBackend}), saving under the log dir unless the config says otherwise; its
   * backends write to {@code <log dir>/vis_data}.
   */
  private static PoseLocalVisualizer visualizer(TypedRunnerConfig cfg, Runner runner, DatasetMeta meta) {
    ModuleConfig<?> written = cfg.module("visualizer");
    Map<String, Object> visCfg = new LinkedHashMap<>();
    if (written == null) {
      visCfg.put("type", "PoseLocalVisualizer");
      visCfg.put("vis_backends", List.of(Map.of("type", "LocalVisBackend")));
    } else {
      visCfg.putAll(written.toMap());
    }
    if (!(cfg.value("visualizer") instanceof Map<?, ?> raw && raw.get("save_dir") != null)) {
      visCfg.put("save_dir", runner.logDir().toString());
    }
    Object built = BuildStep.at(cfg, "visualizer",
        () -> cfg.registry().readConfig(Registries.VISUALIZERS, visCfg).build(BuildContext.empty()));
    if (!(built instanceof PoseLocalVisualizer visualizer)) {
      throw problem(cfg, "visualizer.type", "top-down training draws with a PoseLocalVisualizer, got " + visCfg.get("type"), null);
    }
    visualizer.setDatasetMeta(meta);
    visualizer.addConfig(cfg.config().prettyText());
    runner.scalarWriter(visualizer::addScalars);
    return visualizer;
  }

  /**
   * MMEngine's {@code Runner.scale_lr}: with {@code auto_scale_lr.enable}, every learning rate is
   * multiplied by {@code batch_size / base_batch_size} (one process) before the schedulers record
   * their initial lr; null when not enabled.
   */
  private static @Nullable AutoScaleLr autoScaleLr(TypedRunnerConfig cfg) {
    if (!(cfg.value("auto_scale_lr") instanceof Map<?, ?> scale) || !Boolean.TRUE.equals(scale.get("enable"))) {
      return null;
    }
    return new AutoScaleLr((Integer) scale.get("base_batch_size"), true);
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
   * the synthetic COCO set is written there when its train annotations are missing. In a
   * data-parallel run rank 0 writes it while the others wait.
   */
  private static void generateDemoData(TypedRunnerConfig cfg, DistContext dist) {
    if (!(cfg.value("demo_data") instanceof Map<?, ?> demo)) {
      return;
    }
    Path root = Path.of(demo.get(RunnerKeys.DATA_ROOT_KEY).toString());
    if (dist.info().isMain() && !Files.exists(root.resolve("annotations/person_keypoints_train2017.json"))) {
      BuildStep.at(cfg, "demo_data", () -> SyntheticCocoGenerator.generate(new SyntheticCocoGenerator.Options(root,
          intOr(demo.get("seed"), 0), intOr(demo.get("num_train"), 1000), intOr(demo.get("num_val"), 100),
          intOr(demo.get("width"), 320), intOr(demo.get("height"), 240))));
    }
    dist.allGatherBytes(new byte[0]); // a barrier: the set is complete before any rank reads it
  }

  /**
   * {@code randomness.seed}, or one drawn at random and, in a data-parallel run, rank 0's for every
   * rank (MMEngine's {@code sync_random_seed}).
   */
  private static long syncedSeed(TypedRunnerConfig cfg, DistContext dist) {
    Map<?, ?> randomness = cfg.value("randomness") instanceof Map<?, ?> m ? m : Map.of();
    Object seed = randomness.get("seed");
    if (seed != null) {
      return ((Number) seed).longValue();
    }
    long drawn = new java.security.SecureRandom().nextInt() & 0x7fffffff;
    byte[] mine = java.nio.ByteBuffer.allocate(Long.BYTES).putLong(drawn).array();
    return java.nio.ByteBuffer.wrap(dist.allGatherBytes(mine).get(0)).getLong();
  }

  /** The run's randomness: the seed, plus the rank with {@code diff_rank_seed} (MMEngine's {@code set_random_seed}). */
  private static Randomness randomness(TypedRunnerConfig cfg, long baseSeed, DistContext dist) {
    Map<?, ?> randomness = cfg.value("randomness") instanceof Map<?, ?> m ? m : Map.of();
    long seed = baseSeed + (Boolean.TRUE.equals(randomness.get("diff_rank_seed")) ? dist.info().rank() : 0);
    return new Randomness(seed, Boolean.TRUE.equals(randomness.get("deterministic")));
  }

  /** MMEngine's {@code build_dataloader}: dataset, sampler (seeded from the run when it has no seed), loader. */
  private static DataLoader dataLoader(TypedRunnerConfig cfg, TypedRunnerConfig.DataLoaderCfg loader, long seed, DistContext dist) {
    String key = loader.key();
    PoseDataset dataset = (PoseDataset) BuildStep.at(cfg, key + ".dataset", () -> loader.dataset().build(BuildContext.empty()));
    Map<String, Object> samplerCfg = new LinkedHashMap<>(loader.sampler() == null ? Map.of("type", "DefaultSampler") : loader.sampler().toMap());
    if (samplerCfg.get("seed") == null) {
      samplerCfg.put("seed", (int) seed);
    }
    Sampler sampler = (Sampler) BuildStep.at(cfg, key + ".sampler",
        () -> cfg.registry().readConfig(Registries.DATA_SAMPLERS, samplerCfg).build(BuildContext.of(Map.of("dataset", dataset))));
    if (dist.isDistributed()) {
      int rank = dist.info().rank();
      int world = dist.info().worldSize();
      if (sampler instanceof DefaultSampler d) {
        d.partition(rank, world);
      } else if (sampler instanceof InfiniteSampler i) {
        i.partition(rank, world);
      } else {
        throw problem(cfg, key + ".sampler.type", samplerCfg.get("type")
            + " cannot shard a data set over the ranks of a data-parallel run", "use DefaultSampler or InfiniteSampler");
      }
    }
    boolean persistent = loader.numWorkers() > 0 && loader.persistentWorkers();
    return new DataLoader(dataset, sampler, loader.batchSize(), loader.numWorkers(), persistent, loader.dropLast(), seed);
  }

  private static MetricEvaluator evaluator(TypedRunnerConfig cfg, String key, DataLoader loader, DistContext dist) {
    BuildContext ctx = BuildContext.of(Map.of("dataset_meta", loader.dataset().metainfo()));
    List<Metric> metrics = new ArrayList<>();
    List<ModuleConfig<?>> configs = cfg.modules(key);
    for (int i = 0; i < configs.size(); i++) {
      ModuleConfig<?> m = configs.get(i);
      metrics.add((Metric) BuildStep.at(cfg, key + (cfg.value(key) instanceof Map<?, ?> ? "" : "." + i), () -> m.build(ctx)));
    }
    return new MetricEvaluator(metrics, dist, loader.dataset().size());
  }

  /**
   * MMEngine's {@code build_optim_wrapper} with its {@code DefaultOptimWrapperConstructor}, applied
   * to the model's parameters once its graph knows them; the graph then carries out the wrapper (SGD,
   * Adam or AdamW with {@code paramwise_cfg}, {@code clip_grad}, {@code accumulative_counts},
   * AmpOptimWrapper's loss scale).
   */
  @SuppressWarnings("unchecked") // OPTIM_WRAPPERS modules are OptimWrappers (checked by the processor)
  public static Function<List<Parameter>, OptimWrapper> optimWrapper(TypedRunnerConfig cfg) {
    ModuleConfig<?> wrapper = cfg.module("optim_wrapper");
    if (wrapper instanceof OptimWrapperCfg keyed) {
      return params -> keyed.build(BuildContext.of(Map.of(OptimWrapperCfg.MODEL_PARAMETERS_KEY, params)));
    }
    ModuleConfig<? extends OptimWrapper> plain = (ModuleConfig<? extends OptimWrapper>) wrapper;
    return params -> new DefaultOptimWrapperConstructor(null).build(plain, params);
  }

  private static int intOr(@Nullable Object value, int fallback) {
    return value == null ? fallback : ((Number) value).intValue();
  }
}
