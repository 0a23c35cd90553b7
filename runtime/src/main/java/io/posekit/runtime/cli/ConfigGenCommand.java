package io.posekit.runtime.cli;

import io.posekit.configgen.ConfigGenException;
import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.runner.ConfigCodegen;
import io.posekit.runtime.registry.Registry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posekit config-gen CONFIG... --out DIR [--package P] [--root DIR]}: Java source that builds
 * each config (and each of its bases) with the typed-config builders, one class per file.
 */
@Command(
    name = "config-gen",
    description = "Generate Java that builds configs with the typed-config builders (one class per config file, bases included).")
final class ConfigGenCommand implements Callable<Integer> {
  private final Supplier<Registry> registry;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "Config files (.py, .json, .yaml).")
  private List<Path> configs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the .java files.")
  private Path out;

  @Option(names = "--package", paramLabel = "P", defaultValue = "configs",
      description = "Package of classes for configs in the root directory; subdirectories add packages (default: configs).")
  private String basePackage;

  @Option(names = "--root", paramLabel = "DIR",
      description = "Config root that names are relative to (default: the deepest directory holding every config and base).")
  private Path root;

  @Option(names = "--scope-root", paramLabel = "SCOPE=DIR",
      description = "Where a package's configs live: `SCOPE::path` bases (its .mim/configs) and `with read_base(): from"
          + " SCOPE.configs.x import *` (its Python package): a checkout (mmpose=path/to/mmpose), an installed package"
          + " or its configs directory (mmpose=path/to/mmpose/configs); repeatable. Must lie below the config root.")
  private java.util.Map<String, Path> scopeRoots = new java.util.LinkedHashMap<>();

  @Option(names = "--lenient",
      description = "Keep typed dicts whose type is not registered as plain dicts (with a comment) instead of failing.")
  private boolean lenient;

  ConfigGenCommand(Supplier<Registry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    Path configRoot = root != null ? root : commonRoot(configs);
    ConfigSourceGenerator.Result result;
    try {
      result = ConfigCodegen.generate(configRoot, configs, basePackage, lenient, registry.get(), scopeRoots);
    } catch (ConfigGenException e) {
      spec.commandLine().getErr().println("posekit config-gen: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("posekit config-gen: " + e.getMessage() + " (use --root)");
      return 2;
    }
    ConfigCodegen.write(result.sources(), out);
    PrintWriter err = spec.commandLine().getErr();
    for (ConfigSourceGenerator.PlainDict plain : result.plainDicts()) {
      err.println("note: " + plain.file() + ": " + plain.path() + " (type " + plain.type() + ") stays a plain dict: "
          + plain.reason().lines().findFirst().orElse(""));
    }
    err.flush();
    spec.commandLine().getOut().println("wrote " + result.sources().size() + " classes to " + out);
    return 0;
  }

  /**
   * The parent of the configs, raised while a config's {@code _base_} reaches above it: MMPose's
   * layout keeps {@code _base_/} at the top of {@code configs/}, so the root is the directory that
   * has it next to the configs' own directories.
   */
  static Path commonRoot(List<Path> files) {
    Path common = null;
    for (Path f : files) {
      Path dir = f.toAbsolutePath().normalize().getParent();
      if (common == null) {
        common = dir;
      } else {
        while (!dir.startsWith(common)) {
          common = common.getParent();
        }
      }
    }
    // climb to the directory that holds a _base_ folder, as MMPose's configs/ does
    for (Path p = common; p != null; p = p.getParent()) {
      if (java.nio.file.Files.isDirectory(p.resolve("_base_"))) {
        return p;
      }
    }
    return common;
  }
}
