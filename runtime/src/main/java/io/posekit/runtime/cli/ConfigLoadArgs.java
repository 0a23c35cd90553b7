package io.posekit.runtime.cli;

import io.posekit.runtime.config.LoadOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of every command that loads configs: where packages' bases live and the time and memory budgets. */
final class ConfigLoadArgs {
  @Option(names = "--scope-root", paramLabel = "PKG=DIR",
      description = "Where package PKG's configs live, for `PKG::path` bases (its .mim/configs) and "
          + "`with read_base(): from PKG.configs.x import *` (its Python package): an MMPose checkout "
          + "(mmpose=path/to/mmpose), an installed package directory or its configs directory; repeatable.")
  Map<String, Path> scopeRoots = new LinkedHashMap<>();

  @Option(names = "--config-timeout", paramLabel = "SECONDS",
      description = "Stop a config whose Python code runs longer than this (default: $"
          + LoadOptions.TIMEOUT_ENV + ", else 60).")
  String timeout;

  @Option(names = "--config-memory", paramLabel = "MB",
      description = "Stop a config whose Python code allocates more than this many megabytes (default: $"
          + LoadOptions.MEMORY_ENV + ", else 512).")
  String memory;

  /** {@code base} with these options applied. */
  LoadOptions apply(LoadOptions base) {
    LoadOptions out = base.withScopeRoots(scopeRoots);
    out = timeout == null ? out : out.withTimeout(LoadOptions.timeoutFrom(timeout, "--config-timeout"));
    return memory == null ? out : out.withMemory(LoadOptions.memoryFrom(memory, "--config-memory"));
  }
}
