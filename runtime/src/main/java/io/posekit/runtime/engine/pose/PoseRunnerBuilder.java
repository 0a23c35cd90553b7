package io.posekit.runtime.engine.pose;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Registries;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.engine.hooks.Hook;
import io.posekit.runtime.engine.hooks.RuntimeInfoHook;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.loops.TrainLoop;
import io.posekit.runtime.engine.loops.ValLoop;
import io.posekit.runtime.engine.optim.AmpOptimWrapper;
import io.posekit.runtime.engine.optim.DefaultOptimWrapperConstructor;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
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
import io.posekit.tfmodels.nn.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code Runner.from_cfg} for top-down pose configs: builds the model, data, optimizer
 * wrapper, schedulers, loops, hooks and randomness from the config keys ({@code model},
 * {@code train_dataloader}, {@code val_dataloader}, {@code val_evaluator}, {@code optim_wrapper},
 * {@code param_scheduler}, {@code train_cfg}, {@code default_hooks}, {@code custom_hooks},
 * {@code randomness}, {@code log_processor}, {@code work_dir}, {@code load_from}, {@code resume}).
 */
public final class PoseRunnerBuilder {
  private PoseRunnerBuilder() {}

  /** A built runner, the checkpoint to resume from (or null) and the loaders to close after the run. */
  public record Built(Runner runner, @Nullable Path resumeFrom, List<DataLoader> loaders) implements AutoCloseable {
    @Override
    public void close() {
      loaders.forEach(DataLoader::close);
    }
  }

  public static Built fromCfg(Config cfg, Registry baseRegistry) {
    Object scope = cfg.dict().get("default_scope");
    Registry registry = baseRegistry.withDefaultScope(scope == null ? "mmpose" : scope.toString());
    Path workDir = Path.of(require(cfg, "work_dir").toString());
    Randomness randomness = randomness(map(cfg.dict().get("randomness"), "randomness"));
    generateDemoData(map(cfg.dict().get("demo_data"), "demo_data"));

    TopdownPoseEstimator estimator = (TopdownPoseEstimator) registry.build(Registries.MODELS, map(require(cfg, "model"), "model"), BuildContext.empty());
    Map<Object, Object> trainLoaderCfg = map(require(cfg, "train_dataloader"), "train_dataloader");
    DataLoader trainLoader = dataLoader(registry, trainLoaderCfg, randomness.seed());
    DatasetMeta meta = trainLoader.dataset().metainfo();
    Precision precision = AmpOptimWrapper.precisionOfConfig(map(require(cfg, "optim_wrapper"), "optim_wrapper"));
    TopdownModel model = new TopdownModel(estimator, trainLoader.batchSize(), meta.flipIndices(), randomness.seed(), precision);

    LogProcessor logProcessor = (LogProcessor) registry.build(Registries.LOG_PROCESSORS,
        withType(map(cfg.dict().get("log_processor"), "log_processor"), "LogProcessor"), BuildContext.empty());
    Runner runner = new Runner(model, workDir, randomness, logProcessor);
    List<DataLoader> loaders = new ArrayList<>(List.of(trainLoader));
    runner.trainData(new PoseDataSource(trainLoader, model, true));

    Object valLoaderCfg = cfg.dict().get("val_dataloader");
    if (valLoaderCfg != null) {
      DataLoader valLoader = dataLoader(registry, map(valLoaderCfg, "val_dataloader"), randomness.seed());
      loaders.add(valLoader);
      runner.val(new PoseDataSource(valLoader, model, false), evaluator(registry, require(cfg, "val_evaluator"), valLoader.dataset().metainfo()));
      runner.valLoop(new ValLoop(runner));
    }

    runner.optimWrapper(optimWrapper(registry, map(require(cfg, "optim_wrapper"), "optim_wrapper"), model));
    BuildContext schedulerCtx = BuildContext.of(Map.of("optimizer", runner.optimWrapper().optimizer(), "epoch_length", trainLoader.length()));
    List<ParamScheduler> schedulers = new ArrayList<>();
    for (Object s : list(cfg.dict().get("param_scheduler"))) {
      schedulers.add((ParamScheduler) registry.build(Registries.PARAM_SCHEDULERS, map(s, "param_scheduler"), schedulerCtx));
    }
    runner.paramSchedulers(schedulers);

    BuildContext withRunner = BuildContext.of(Map.of("runner", runner));
    runner.trainLoop((TrainLoop) registry.build(Registries.LOOPS, trainCfg(map(require(cfg, "train_cfg"), "train_cfg")), withRunner));
    runner.registerHook(new RuntimeInfoHook()); // MMEngine always adds it
    Map<Object, Object> defaultHooks = map(cfg.dict().get("default_hooks"), "default_hooks");
    defaultHooks.forEach((name, h) -> {
      if (h != null) { // MMEngine: default_hooks.<name>=None switches a default hook off
        runner.registerHook((Hook) registry.build(Registries.HOOKS, map(h, "default_hooks." + name), withRunner));
      }
    });
    for (Object h : list(cfg.dict().get("custom_hooks"))) {
      Map<Object, Object> hook = new LinkedHashMap<>(map(h, "custom_hooks"));
      Object priority = hook.remove("priority");
      runner.registerHook((Hook) registry.build(Registries.HOOKS, hook, withRunner), priority);
    }

    Map<String, Object> datasetMeta = new LinkedHashMap<>();
    datasetMeta.put("dataset_name", meta.datasetName());
    datasetMeta.put("num_keypoints", meta.numKeypoints());
    runner.datasetMeta(datasetMeta);
    runner.configText(cfg.prettyText());

    Object loadFrom = cfg.dict().get("load_from");
    if (loadFrom != null) {
      runner.loadCheckpoint(Path.of(loadFrom.toString()));
    }
    return new Built(runner, resumeFrom(cfg.dict().get("resume"), workDir), List.copyOf(loaders));
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
        intOr(cfg.get("num_train"), 200), intOr(cfg.get("num_val"), 50), intOr(cfg.get("width"), 320), intOr(cfg.get("height"), 240)));
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

  private static MetricEvaluator evaluator(Registry registry, Object cfg, DatasetMeta meta) {
    BuildContext ctx = BuildContext.of(Map.of("dataset_meta", meta));
    List<Metric> metrics = new ArrayList<>();
    for (Object m : cfg instanceof List<?> l ? l : List.of(cfg)) {
      metrics.add((Metric) registry.build(Registries.METRICS, map(m, "val_evaluator"), ctx));
    }
    return new MetricEvaluator(metrics);
  }

  /**
   * The graph's Adam (betas 0.9/0.999, eps 1e-8, no weight decay) does the update, so the config may
   * only ask for that; anything else would be silently ignored.
   */
  private static OptimWrapper optimWrapper(Registry registry, Map<Object, Object> cfg, TopdownModel model) {
    Map<Object, Object> optimizer = map(cfg.get("optimizer"), "optim_wrapper.optimizer");
    if (!"Adam".equals(optimizer.get("type"))) {
      throw new IllegalArgumentException("optim_wrapper.optimizer.type: TopdownModel trains with the graph's Adam, got " + optimizer.get("type"));
    }
    check(optimizer.get("weight_decay") == null || ((Number) optimizer.get("weight_decay")).doubleValue() == 0, "optim_wrapper.optimizer.weight_decay must be 0");
    check(optimizer.get("amsgrad") == null || Boolean.FALSE.equals(optimizer.get("amsgrad")), "optim_wrapper.optimizer.amsgrad must be False");
    check(optimizer.get("eps") == null || ((Number) optimizer.get("eps")).doubleValue() == 1e-8, "optim_wrapper.optimizer.eps must be 1e-8");
    if (optimizer.get("betas") instanceof List<?> b) {
      check(((Number) b.get(0)).doubleValue() == 0.9 && ((Number) b.get(1)).doubleValue() == 0.999, "optim_wrapper.optimizer.betas must be (0.9, 0.999)");
    }
    check(cfg.get("clip_grad") == null, "optim_wrapper.clip_grad is not supported: the graph applies Adam to unclipped gradients");
    check(intOr(cfg.get("accumulative_counts"), 1) == 1, "optim_wrapper.accumulative_counts must be 1: the graph steps every iteration");
    check(cfg.get("paramwise_cfg") == null, "optim_wrapper.paramwise_cfg is not supported: the graph's Adam has one learning rate");
    Map<Object, Object> wrapper = new LinkedHashMap<>(withType(cfg, "OptimWrapper"));
    check("OptimWrapper".equals(wrapper.get("type")) || "AmpOptimWrapper".equals(wrapper.get("type")),
        "optim_wrapper.type must be OptimWrapper or AmpOptimWrapper, got " + wrapper.get("type"));
    @SuppressWarnings("unchecked")
    ModuleConfig<? extends OptimWrapper> wrapperCfg = (ModuleConfig<? extends OptimWrapper>) registry.readConfig(Registries.OPTIM_WRAPPERS, wrapper);
    return new DefaultOptimWrapperConstructor(null).build(wrapperCfg, model.parameters());
  }

  /** MMPose writes {@code train_cfg=dict(by_epoch=True, max_epochs=..., val_interval=...)}. */
  private static Map<Object, Object> trainCfg(Map<Object, Object> cfg) {
    Map<Object, Object> out = new LinkedHashMap<>(cfg);
    Object byEpoch = out.remove("by_epoch");
    if (!out.containsKey("type")) {
      check(byEpoch == null || Boolean.TRUE.equals(byEpoch), "train_cfg: only by_epoch=True (EpochBasedTrainLoop) is wired for top-down models");
      out.put("type", "EpochBasedTrainLoop");
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
