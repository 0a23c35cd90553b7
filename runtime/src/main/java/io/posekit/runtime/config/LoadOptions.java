package io.posekit.runtime.config;

import io.posekit.runtime.config.cache.ResolvedConfigCache;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to load a config: whether Python configs may leave the sandbox (needs {@code
 * POSEKIT_UNSAFE_CONFIGS=1} as well), the roots of scoped bases ({@code mmpose::path}), the
 * environment used for {@code {{$NAME:default}}}, and the directory of the on-disk cache of
 * resolved configs ({@link ResolvedConfigCache}; null: no cache, every load runs the files).
 */
public record LoadOptions(boolean unsafe, Map<String, Path> scopeRoots, Map<String, String> environment, Path cacheDir) {
  public static final String UNSAFE_ENV = "POSEKIT_UNSAFE_CONFIGS";

  public LoadOptions {
    scopeRoots = Map.copyOf(scopeRoots);
    environment = Map.copyOf(environment);
  }

  /** Sandboxed, no scope roots, the process environment, no cache. */
  public static LoadOptions defaults() {
    return new LoadOptions(false, Map.of(), System.getenv(), null);
  }

  /** Trust Python configs (imports, files...). Only honoured with POSEKIT_UNSAFE_CONFIGS=1. */
  public static LoadOptions allowUnsafe() {
    return defaults().withUnsafe(true);
  }

  public LoadOptions withUnsafe(boolean unsafe) {
    return new LoadOptions(unsafe, scopeRoots, environment, cacheDir);
  }

  /** Where {@code scope::relative/path.py} bases live: scope name to its configs directory. */
  public LoadOptions withScopeRoots(Map<String, Path> roots) {
    return new LoadOptions(unsafe, roots, environment, cacheDir);
  }

  public LoadOptions withEnvironment(Map<String, String> env) {
    return new LoadOptions(unsafe, scopeRoots, env, cacheDir);
  }

  /**
   * Serve repeated loads from resolved configs cached in {@code dir} (see {@link
   * ResolvedConfigCache#defaultDirectory}); an entry is used only while every file of the
   * {@code _base_} chain has the same bytes. Unsafe loads are never cached.
   */
  public LoadOptions withCache(Path dir) {
    return new LoadOptions(unsafe, scopeRoots, environment, dir);
  }

  /**
   * The cache the command line uses, found from {@link #environment()}: {@code $POSEKIT_CACHE_DIR},
   * else {@code $XDG_CACHE_HOME/posekit/configs}, else {@code ~/.cache/posekit/configs}; none
   * when {@code POSEKIT_NO_CACHE=1}.
   */
  public LoadOptions withUserCache() {
    return new LoadOptions(unsafe, scopeRoots, environment,
        ResolvedConfigCache.defaultDirectory(environment).orElse(null));
  }

  /** Run the files on every load. */
  public LoadOptions withoutCache() {
    return new LoadOptions(unsafe, scopeRoots, environment, null);
  }

  /** The cache directory in use, if any. */
  public Optional<Path> cache() {
    return Optional.ofNullable(cacheDir);
  }
}
