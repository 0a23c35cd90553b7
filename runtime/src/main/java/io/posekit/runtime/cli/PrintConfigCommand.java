package io.posekit.runtime.cli;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.ConfigFormat;
import io.posekit.runtime.config.LoadOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posekit print-config CONFIG [--format py|json|yaml] [--cfg-options k=v ...] [--explain KEY]}:
 * MMPose's {@code tools/analysis_tools/print_config.py}, plus where each value came from.
 */
@Command(
    name = "print-config",
    description = "Print a config merged with its _base_ files (and --cfg-options), or explain where keys got their values.")
final class PrintConfigCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private ConfigLoadArgs loadArgs = new ConfigLoadArgs();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "A .py, .json or .yaml config file.")
  private Path config;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "py",
      description = "py (pretty Python, the default), json or yaml.")
  private String format;

  @Option(names = "--cfg-options", arity = "1..*", paramLabel = "KEY=VALUE",
      description = "Override settings, as MMEngine's DictAction: a.b=1, lr=1e-3, flag=False, x=None, "
          + "l=1,2 or l=[1,2] (list), t=(1,2) (tuple), nested brackets; list items by index (a.0.b=1).")
  private List<String> cfgOptions = List.of();

  @Option(names = "--explain", paramLabel = "KEY",
      description = "Instead of the config, say which file and line set KEY (dotted), what it overrode, "
          + "and what _delete_ and --cfg-options changed. Repeatable.")
  private List<String> explain = List.of();

  @Option(names = "--no-cache",
      description = "Load the files even if a cached result of this config is current (as POSEKIT_NO_CACHE=1).")
  private boolean noCache;

  @Override
  public Integer call() {
    ConfigFormat outputFormat;
    try {
      outputFormat = ConfigFormat.named(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
    Map<String, Object> options;
    try {
      options = CfgOptions.parse(cfgOptions);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cfg-options " + e.getMessage());
    }
    LoadOptions load = noCache ? LoadOptions.defaults() : LoadOptions.defaults().withUserCache();
    Config cfg = Config.fromFile(config, loadArgs.apply(load));
    if (!options.isEmpty()) {
      cfg.mergeFromDict(options, true, "--cfg-options");
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String warning : cfg.warnings()) {
      err.println("warning: " + warning);
    }
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    if (explain.isEmpty()) {
      out.print(outputFormat == ConfigFormat.PYTHON ? cfg.prettyText() : cfg.dumpText(outputFormat));
    } else {
      for (String key : explain) {
        out.print(cfg.explain(key));
      }
    }
    out.flush();
    return 0;
  }
}
