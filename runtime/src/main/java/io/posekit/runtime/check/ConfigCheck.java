package io.posekit.runtime.check;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.TypedRunnerConfig;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.KeyPath;
import io.posekit.spi.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * "Will this config run here?" for one config: loads it ({@code _base_} chain, scoped bases),
 * reads every dict as its registry's typed config, builds every module without data
 * ({@link BuildWithoutData}) and, for a dry run, builds the model's graph with the optimizer
 * wrapper, schedulers and loops over it and takes one train step and one predict ({@link DryRun}). Stops at the first stage that fails, with that stage's problems.
 */
public final class ConfigCheck {
  private final Registry registry;
  private final LoadOptions options;
  private final boolean dryRun;
  private final Path workDir;

  /**
   * @param workDir where the runner the hooks and loops are built with would write (nothing is written there)
   */
  public ConfigCheck(Registry registry, LoadOptions options, boolean dryRun, Path workDir) {
    this.registry = registry;
    this.options = options;
    this.dryRun = dryRun;
    this.workDir = workDir;
  }

  /** The last stage this check asks for. */
  public CheckStage lastStage() {
    return dryRun ? CheckStage.STEPPED : CheckStage.BUILT;
  }

  public CheckResult check(Path file, String folder) {
    Config config;
    try {
      config = Config.fromFile(file, options);
    } catch (ConfigException e) {
      return failed(file, folder, null, CheckStage.LOADED, e.problems());
    } catch (RuntimeException e) { // the loader's own failures (unreadable file, ...) as one problem
      return failed(file, folder, null, CheckStage.LOADED, List.of(problem(file, e)));
    }
    if (config.dict().get("work_dir") == null) {
      // train sets it from the command line (work_dirs/<config name>); check writes nothing there
      config.mergeFromDict(Map.of("work_dir", workDir.toString()), false, "check");
    }
    TypedRunnerConfig typed;
    try {
      typed = TypedRunnerConfig.forTrain(config, registry); // what train reads, all problems at once
    } catch (ConfigException e) {
      return failed(file, folder, CheckStage.LOADED, CheckStage.TYPED, e.problems());
    }
    try (BuildWithoutData build = new BuildWithoutData(typed, workDir)) {
      BuildWithoutData.Modules modules = build.build();
      if (modules == null) {
        return failed(file, folder, CheckStage.TYPED, CheckStage.BUILT, build.problems());
      }
      if (!dryRun) {
        return new CheckResult(file, folder, CheckStage.BUILT, null, List.of(), List.of());
      }
      BuildWithoutData.Built built = build.buildGraph(modules);
      if (built == null) {
        return failed(file, folder, CheckStage.BUILT, CheckStage.STEPPED, build.problems());
      }
      String wrong;
      try {
        wrong = DryRun.step(built, 0);
      } catch (RuntimeException e) { // TensorFlow refusing to run the graph
        wrong = e.getMessage() != null ? e.getMessage() : e.toString();
      }
      if (wrong != null) {
        return failed(file, folder, CheckStage.BUILT, CheckStage.STEPPED,
            List.of(new ConfigProblem(KeyPath.root().key("model"), "dry run: " + wrong, null, null)));
      }
      return new CheckResult(file, folder, CheckStage.STEPPED, null, List.of(), List.of());
    }
  }

  private static CheckResult failed(Path file, String folder, CheckStage reached, CheckStage failed,
      List<ConfigProblem> problems) {
    return new CheckResult(file, folder, reached, failed, problems, Blockers.of(problems));
  }

  private static ConfigProblem problem(Path file, RuntimeException e) {
    return new ConfigProblem(KeyPath.root(), e.getMessage() != null ? e.getMessage() : e.toString(), null,
        new SourceLocation(file.toString(), 0));
  }
}
