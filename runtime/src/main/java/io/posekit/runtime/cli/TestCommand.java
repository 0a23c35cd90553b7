package io.posekit.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.engine.dist.DistContext;
import io.posekit.runtime.runner.TypedRunnerConfig;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.PoseRunnerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * MMPose's {@code tools/test.py}: loads a checkpoint into the config's model and runs the
 * {@code TestLoop} over {@code test_dataloader} with {@code test_evaluator}, printing the metrics
 * as MMEngine does. As in MMPose, {@code --out} saves the metrics (JSON or YAML by extension) and
 * {@code --dump} the predictions (MMEngine's {@code DumpResults} appended to the evaluator; JSON
 * here where MMPose pickles).
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Test (and evaluate) a checkpoint (MMPose's tools/test.py).")
public final class TestCommand implements Callable<Integer> {
  private final Supplier<Registry> registry;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "The config file (.py, .json or .yaml).")
  private Path config;

  @Parameters(index = "1", paramLabel = "CHECKPOINT", description = "The checkpoint to test.")
  private Path checkpoint;

  @Mixin private ConfigLoadArgs loadArgs = new ConfigLoadArgs();

  @Mixin private LauncherArgs launch = new LauncherArgs();

  @Option(names = "--work-dir", description = "Where the log goes; default work_dirs/<config name>.")
  private Path workDir;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the metrics to FILE (.json, .yaml or .yml).")
  private Path out;

  @Option(names = "--dump", paramLabel = "FILE", description = "Dump the predictions to FILE (.json) for offline evaluation.")
  private Path dump;

  @Option(names = "--show-dir", paramLabel = "DIR",
      description = "Draw the predictions of every test sample into DIR under the log dir (PoseVisualizationHook, enabled).")
  private String showDir;

  @Option(names = "--badcase", description = "Find and draw bad cases (BadCaseAnalysisHook, enabled; its metric defaults to model.head.loss).")
  private boolean badcase;

  @Option(names = "--interval", defaultValue = "1", description = "Visualization interval (default 1).")
  private int interval;

  @Option(names = "--cfg-options", arity = "1..*", paramLabel = "KEY=VALUE", description = "Override config keys (dotted paths).")
  private List<String> cfgOptions = new ArrayList<>();

  public TestCommand(Supplier<Registry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(checkpoint)) {
      throw new ParameterException(spec.commandLine(), "checkpoint " + checkpoint + " does not exist");
    }
    String outFormat = out == null ? null : format(out);
    Config cfg = Config.fromFile(config, loadArgs.apply(LoadOptions.defaults()));
    // tools/test.py's merge_args order: load_from, work_dir, --dump, then --cfg-options
    cfg.mergeFromDict(Map.of("load_from", checkpoint.toString()));
    ToolArgs.setWorkDir(cfg, config, workDir);
    if (showDir != null) {
      ToolArgs.enableVisualization(cfg, config, showDir, interval);
    }
    if (badcase) {
      enableBadcase(cfg);
    }
    if (dump != null) {
      Object evaluator = cfg.dict().get("test_evaluator");
      List<Object> metrics = new ArrayList<>(evaluator instanceof List<?> l ? l : evaluator == null ? List.of() : List.of(evaluator));
      Map<String, Object> dumpMetric = new LinkedHashMap<>();
      dumpMetric.put("type", "DumpResults");
      dumpMetric.put("out_file_path", dump.toString());
      metrics.add(dumpMetric);
      cfg.mergeFromDict(Map.of("test_evaluator", metrics));
    }
    if (!cfgOptions.isEmpty()) {
      cfg.mergeFromDict(CfgOptions.parse(cfgOptions));
    }
    ToolArgs.logWarnings(cfg);
    Map<String, String> env = System.getenv();
    if (launch.spawnsWorkers(env)) {
      // the config is read and checked once here, so a bad one fails before any worker starts
      launch.validate();
      TypedRunnerConfig.forTest(cfg, registry.get());
      return WorkerLauncher.run(launch);
    }
    DistContext dist = launch.join(cfg, env);
    Map<String, Double> metrics;
    try (PoseRunnerBuilder.Built built = PoseRunnerBuilder.forTest(TypedRunnerConfig.forTest(cfg, registry.get()), dist)) {
      if (dist.info().isMain()) {
        built.runner().registerHook(new TestProgressHook());
      }
      metrics = built.runner().test();
    }
    if (out != null && dist.info().isMain()) {
      writeMetrics(metrics, outFormat);
    }
    return 0;
  }

  /** tools/test.py's {@code --badcase}: the hook's metric, unless the config gives one, is the head's loss or the test evaluator. */
  private void enableBadcase(Config cfg) {
    ToolArgs.requireHook(cfg, config, "badcase", "--badcase", "BadCaseAnalysisHook");
    Map<?, ?> hook = (Map<?, ?>) ((Map<?, ?>) cfg.dict().get("default_hooks")).get("badcase");
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("default_hooks.badcase.enable", true);
    set.put("default_hooks.badcase.interval", interval);
    if (hook.get("metric") == null) {
      boolean loss = !"accuracy".equals(hook.get("metric_type"));
      Object metric = loss ? cfg.get("model.head.loss") : cfg.dict().get("test_evaluator");
      if (metric == null) {
        throw new IllegalArgumentException(config + ": --badcase needs default_hooks.badcase.metric, "
            + (loss ? "model.head.loss" : "test_evaluator") + " to take it from");
      }
      set.put("default_hooks.badcase.metric", metric);
    }
    cfg.mergeFromDict(set);
  }

  private String format(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".json")) {
      return "json";
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return "yaml";
    }
    throw new ParameterException(spec.commandLine(), "--out " + file + ": the metrics file must end in .json, .yaml or .yml");
  }

  private void writeMetrics(Map<String, Double> metrics, String format) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (format.equals("json")) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), metrics);
    } else {
      Files.writeString(out, new Yaml().dump(new LinkedHashMap<>(metrics)));
    }
  }
}
