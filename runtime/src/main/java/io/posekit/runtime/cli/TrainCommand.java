package io.posekit.runtime.cli;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.engine.dist.DistContext;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.PoseRunnerBuilder;
import io.posekit.runtime.runner.TypedRunnerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** MMPose's {@code tools/train.py}: builds the runner from a config and trains, optionally resuming. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model from a config (MMPose's tools/train.py).")
public final class TrainCommand implements Callable<Integer> {
  private final Supplier<Registry> registry;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "The config file (.py, .json or .yaml).")
  private Path config;

  @Mixin private ConfigLoadArgs loadArgs = new ConfigLoadArgs();

  @Mixin private LauncherArgs launch = new LauncherArgs();

  @Option(names = "--work-dir", description = "Where logs and checkpoints go; default work_dirs/<config name>.")
  private Path workDir;

  @Option(names = "--resume", arity = "0..1", fallbackValue = "auto", paramLabel = "CKPT",
      description = "Resume from CKPT, or without a value from the work dir's last checkpoint.")
  private String resume;

  @Option(names = "--no-validate", description = "Do not evaluate checkpoints during training (val_cfg, val_dataloader, val_evaluator = None).")
  private boolean noValidate;

  @Option(names = "--auto-scale-lr", description = "Scale the learning rate by batch_size / auto_scale_lr.base_batch_size.")
  private boolean autoScaleLr;

  @Option(names = "--show-dir", paramLabel = "DIR",
      description = "Draw predictions of validation samples into the visualizer's backends (PoseVisualizationHook, enabled) and DIR.")
  private String showDir;

  @Option(names = "--interval", defaultValue = "1", description = "With --show-dir: draw every INTERVAL-th validation iteration (default 1).")
  private int interval;

  @Option(names = "--amp", description = "Mixed-precision training: optim_wrapper.type=AmpOptimWrapper, loss_scale='dynamic' unless set"
      + " (bfloat16 on CPU unless optim_wrapper.dtype says otherwise).")
  private boolean amp;

  @Option(names = "--cfg-options", arity = "1..*", paramLabel = "KEY=VALUE", description = "Override config keys (dotted paths).")
  private List<String> cfgOptions = new ArrayList<>();

  public TrainCommand(Supplier<Registry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() throws Exception {
    Config cfg = Config.fromFile(config, loadArgs.apply(LoadOptions.defaults()));
    mergeArgs(cfg);
    if (!cfgOptions.isEmpty()) {
      cfg.mergeFromDict(CfgOptions.parse(cfgOptions));
    }
    ToolArgs.setWorkDir(cfg, config, workDir);
    if (resume != null) {
      cfg.mergeFromDict(java.util.Map.of("resume", resume.equals("auto") ? Boolean.TRUE : resume));
    }
    ToolArgs.logWarnings(cfg);
    Map<String, String> env = System.getenv();
    if (launch.spawnsWorkers(env)) {
      // the config is read and checked once here, so a bad one fails before any worker starts
      launch.validate();
      TypedRunnerConfig.forTrain(cfg, registry.get());
      return WorkerLauncher.run(launch);
    }
    DistContext dist = launch.join(cfg, env);
    TypedRunnerConfig typed = TypedRunnerConfig.forTrain(cfg, registry.get()); // every problem before any work
    Path dir = Path.of(cfg.dict().get("work_dir").toString());
    Files.createDirectories(dir);
    if (dist.info().isMain()) {
      cfg.dump(dir.resolve(ToolArgs.configName(config) + ".py"));
    }
    try (PoseRunnerBuilder.Built built = PoseRunnerBuilder.fromCfg(typed, dist)) {
      built.runner().train(built.resumeFrom());
    }
    return 0;
  }

  /** tools/train.py's {@code merge_args} for the flags that map to config keys (before --cfg-options, as there). */
  private void mergeArgs(Config cfg) {
    if (noValidate) {
      java.util.Map<String, Object> none = new java.util.HashMap<>();
      none.put("val_cfg", null);
      none.put("val_dataloader", null);
      none.put("val_evaluator", null);
      cfg.mergeFromDict(none);
    }
    if (autoScaleLr) { // base_batch_size may still come from --cfg-options; the runner checks it
      cfg.mergeFromDict(java.util.Map.of("auto_scale_lr.enable", true));
    }
    if (amp) {
      enableAmp(cfg);
    }
    if (showDir != null) {
      ToolArgs.enableVisualization(cfg, config, showDir, interval);
    }
  }

  /** tools/train.py's {@code --amp}: only a plain or already-AMP optimizer wrapper may be switched. */
  static void enableAmp(Config cfg) {
    if (!(cfg.dict().get("optim_wrapper") instanceof Map<?, ?> wrapper)) {
      throw new IllegalArgumentException("--amp: the config has no optim_wrapper dict");
    }
    Object type = wrapper.get("type");
    if (type != null && !"OptimWrapper".equals(type) && !"AmpOptimWrapper".equals(type)) {
      throw new IllegalArgumentException("--amp is only supported with OptimWrapper or AmpOptimWrapper, the config has optim_wrapper.type=" + type);
    }
    Map<String, Object> set = new java.util.LinkedHashMap<>();
    set.put("optim_wrapper.type", "AmpOptimWrapper");
    if (wrapper.get("loss_scale") == null) {
      set.put("optim_wrapper.loss_scale", "dynamic");
    }
    cfg.mergeFromDict(set, true, "--amp");
  }
}
