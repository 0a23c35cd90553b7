package io.posekit.runtime.config;

import io.posekit.runtime.config.cache.ResolvedConfigCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to load a config: whether Python configs may leave the sandbox (needs {@code
 * POSEKIT_UNSAFE_CONFIGS=1} as well), the roots of scoped bases ({@code mmpose::path}), the
 * environment used for {@code {{$NAME:default}}}, and the directory of the on-disk cache of
 * resolved configs ({@link ResolvedConfigCache}; null: no cache, every load runs the files), and
 * the time the Python code of one load may run and the memory it may allocate ({@link ScriptBudget}).
 */
public record LoadOptions(boolean unsafe, Map<String, Path> scopeRoots, Map<String, Path> packageDirs,
    Map<String, String> environment, Path cacheDir, Duration timeout, long memory) {
  public static final String UNSAFE_ENV = "POSEKIT_UNSAFE_CONFIGS";
  /** Seconds the config code of one load may run, when no {@link #withTimeout} says otherwise. */
  public static final String TIMEOUT_ENV = "POSEKIT_CONFIG_TIMEOUT";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** Megabytes the config code of one load may allocate, when no {@link #withMemory} says otherwise. */
  public static final String MEMORY_ENV = "POSEKIT_CONFIG_MEMORY";
  public static final long DEFAULT_MEMORY = 512L << 20;

  public LoadOptions {
    scopeRoots = Map.copyOf(scopeRoots);
    packageDirs = Map.copyOf(packageDirs);
    environment = Map.copyOf(environment);
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a config time budget must be positive, got " + timeout);
    }
    if (memory <= 0) {
      throw new IllegalArgumentException("a config memory budget must be positive, got " + memory + " bytes");
    }
  }

  /**
   * Sandboxed, no scope roots, the process environment, no cache, the budgets of {@code
   * $POSEKIT_CONFIG_TIMEOUT} or 60 s and {@code $POSEKIT_CONFIG_MEMORY} or 512 MB.
   */
  public static LoadOptions defaults() {
    Map<String, String> env = System.getenv();
    return new LoadOptions(false, Map.of(), Map.of(), env, null, timeoutFrom(env.get(TIMEOUT_ENV), TIMEOUT_ENV),
        memoryFrom(env.get(MEMORY_ENV), MEMORY_ENV));
  }

  /**
   * A memory budget given in megabytes ({@code 512}, {@code 0.5}) by {@code source} (a flag or
   * variable name, for the message), in bytes; null or blank: the default.
   */
  public static long memoryFrom(String megabytes, String source) {
    if (megabytes == null || megabytes.isBlank()) {
      return DEFAULT_MEMORY;
    }
    double value;
    try {
      value = Double.parseDouble(megabytes.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + "=" + megabytes + ": not a number of megabytes");
    }
    if (!(value > 0) || Double.isInfinite(value) || value * (1 << 20) < 1) {
      throw new IllegalArgumentException(source + "=" + megabytes + ": a config memory budget must be a positive number of megabytes");
    }
    return (long) Math.min(value * (1 << 20), Long.MAX_VALUE);
  }

  /**
   * A budget given in seconds ({@code 60}, {@code 0.5}) by {@code source} (a flag or variable
   * name, for the message); null or blank: the default.
   */
  public static Duration timeoutFrom(String seconds, String source) {
    if (seconds == null || seconds.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    double value;
    try {
      value = Double.parseDouble(seconds.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + "=" + seconds + ": not a number of seconds");
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(source + "=" + seconds + ": a config time budget must be a positive number of seconds");
    }
    return Duration.ofNanos((long) Math.min(value * 1e9, Long.MAX_VALUE));
  }

  /** Trust Python configs (imports, files...). Only honoured with POSEKIT_UNSAFE_CONFIGS=1. */
  public static LoadOptions allowUnsafe() {
    return defaults().withUnsafe(true);
  }

  public LoadOptions withUnsafe(boolean unsafe) {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, environment, cacheDir, timeout, memory);
  }

  /**
   * The roots of packages, by name: {@code scope::relative/path.py} bases are read below the
   * package's {@code .mim/configs} and {@code with read_base(): from pkg.a.b import *} modules
   * below its package directory, as MMEngine reads an installed package. A root may be given as
   * <ul>
   *   <li>a source checkout ({@code path/to/mmpose}, holding {@code configs/} and {@code
   *       mmpose/__init__.py}): {@code configs/} and {@code mmpose/};
   *   <li>an installed package directory (holding {@code .mim/configs}): those two;
   *   <li>the {@code configs} directory itself: that, and {@code ../<name>/} for modules when it
   *       is a package directory; else {@code pkg.configs.a.b} modules are read from {@code
   *       configs/a/b.py} too.
   * </ul>
   */
  public LoadOptions withScopeRoots(Map<String, Path> roots) {
    Map<String, Path> configs = new java.util.LinkedHashMap<>();
    Map<String, Path> dirs = new java.util.LinkedHashMap<>(packageDirs);
    roots.forEach((name, root) -> {
      PackageRoots found = PackageRoots.of(name, root);
      configs.put(name, found.configs());
      found.packageDir().ifPresent(dir -> dirs.put(name, dir));
    });
    return new LoadOptions(unsafe, configs, dirs, environment, cacheDir, timeout, memory);
  }

  /** The package directories of {@code with read_base():} modules ({@code pkg.a.b} is {@code <dir>/a/b.py}), by package name. */
  public LoadOptions withPackageDirs(Map<String, Path> dirs) {
    Map<String, Path> all = new java.util.LinkedHashMap<>(packageDirs);
    all.putAll(dirs);
    return new LoadOptions(unsafe, scopeRoots, all, environment, cacheDir, timeout, memory);
  }

  public LoadOptions withEnvironment(Map<String, String> env) {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, env, cacheDir, timeout, memory);
  }

  /**
   * Serve repeated loads from resolved configs cached in {@code dir} (see {@link
   * ResolvedConfigCache#defaultDirectory}); an entry is used only while every file of the
   * {@code _base_} chain has the same bytes. Unsafe loads are never cached.
   */
  public LoadOptions withCache(Path dir) {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, environment, dir, timeout, memory);
  }

  /**
   * The cache the command line uses, found from {@link #environment()}: {@code $POSEKIT_CACHE_DIR},
   * else {@code $XDG_CACHE_HOME/posekit/configs}, else {@code ~/.cache/posekit/configs}; none
   * when {@code POSEKIT_NO_CACHE=1}.
   */
  public LoadOptions withUserCache() {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, environment,
        ResolvedConfigCache.defaultDirectory(environment).orElse(null), timeout, memory);
  }

  /** Run the files on every load. */
  public LoadOptions withoutCache() {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, environment, null, timeout, memory);
  }

  /** How long the Python code of one load (the file and its bases) may run before it is stopped. */
  public LoadOptions withTimeout(Duration budget) {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, environment, cacheDir, budget, memory);
  }

  /** How many bytes the Python code of one load (the file and its bases) may allocate before it is stopped. */
  public LoadOptions withMemory(long bytes) {
    return new LoadOptions(unsafe, scopeRoots, packageDirs, environment, cacheDir, timeout, bytes);
  }

  /** The cache directory in use, if any. */
  public Optional<Path> cache() {
    return Optional.ofNullable(cacheDir);
  }
}
