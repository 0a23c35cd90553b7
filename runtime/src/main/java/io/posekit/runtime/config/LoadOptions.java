package io.posekit.runtime.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to load a config: whether Python configs may leave the sandbox (needs {@code
 * POSEKIT_UNSAFE_CONFIGS=1} as well), the roots of scoped bases ({@code mmpose::path}), and the
 * environment used for {@code {{$NAME:default}}}.
 */
public record LoadOptions(boolean unsafe, Map<String, Path> scopeRoots, Map<String, String> environment) {
  public static final String UNSAFE_ENV = "POSEKIT_UNSAFE_CONFIGS";

  public LoadOptions {
    scopeRoots = Map.copyOf(scopeRoots);
    environment = Map.copyOf(environment);
  }

  /** Sandboxed, no scope roots, the process environment. */
  public static LoadOptions defaults() {
    return new LoadOptions(false, Map.of(), System.getenv());
  }

  /** Trust Python configs (imports, files...). Only honoured with POSEKIT_UNSAFE_CONFIGS=1. */
  public static LoadOptions allowUnsafe() {
    return defaults().withUnsafe(true);
  }

  public LoadOptions withUnsafe(boolean unsafe) {
    return new LoadOptions(unsafe, scopeRoots, environment);
  }

  /** Where {@code scope::relative/path.py} bases live: scope name to its configs directory. */
  public LoadOptions withScopeRoots(Map<String, Path> roots) {
    return new LoadOptions(unsafe, roots, environment);
  }

  public LoadOptions withEnvironment(Map<String, String> env) {
    return new LoadOptions(unsafe, scopeRoots, env);
  }
}
