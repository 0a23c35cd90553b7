package io.posekit.tfmodels.fileio;

import io.posekit.annotations.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * MMEngine's {@code mmengine.fileio} functions: {@link #getFileBackend} picks the backend of a path
 * or URI ({@code backend_args['backend']} first, else the URI's prefix: none is local disk,
 * {@code s3://} and {@code petrel://} Petrel/S3, {@code http(s)://} HTTP), and {@link #get},
 * {@link #getText}, {@link #exists}, {@link #joinPath} and {@link #listDirOrFile} read through it.
 * As MMEngine's functions do, they reuse one backend per prefix and arguments (its
 * {@code enable_singleton}), so an LMDB environment or an S3 client is opened once.
 */
public final class FileIO {
  private static final Map<String, Function<BackendArgs, StorageBackend>> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, String> BACKEND_OF_PREFIX = new LinkedHashMap<>();
  private static final Map<Key, StorageBackend> INSTANCES = new ConcurrentHashMap<>();

  static {
    BY_NAME.put("local", LocalBackend::create);
    BY_NAME.put("lmdb", LmdbBackend::create);
    BY_NAME.put("petrel", args -> new PrefetchingBackend(PetrelBackend.create(args)));
    BY_NAME.put("http", args -> new PrefetchingBackend(HttpBackend.create(args)));
    BACKEND_OF_PREFIX.put("", "local");
    BACKEND_OF_PREFIX.put("petrel", "petrel");
    BACKEND_OF_PREFIX.put("s3", "petrel");
    BACKEND_OF_PREFIX.put("http", "http");
    BACKEND_OF_PREFIX.put("https", "http");
  }

  private FileIO() {}

  /** Backends are equal when their prefix and arguments are (maps compare by content). */
  private record Key(String prefix, Map<String, Object> args) {}

  /**
   * MMEngine's {@code get_file_backend(uri, backend_args=...)}; {@code uri} may be null when
   * {@code backend_args} names the backend.
   */
  public static StorageBackend getFileBackend(@Nullable String uri, @Nullable Map<String, Object> backendArgs) {
    Map<String, Object> args = backendArgs == null ? Map.of() : backendArgs;
    if (uri == null && !args.containsKey("backend")) {
      throw new IllegalArgumentException("backend_args must name a 'backend' when no path is given, got " + args);
    }
    String prefix = uri == null ? "" : uriPrefix(uri);
    Key key = new Key(prefix, new LinkedHashMap<>(args));
    StorageBackend backend = INSTANCES.get(key);
    if (backend == null) {
      backend = create(prefix, args); // outside computeIfAbsent: creating one may take a while (S3 client)
      StorageBackend raced = INSTANCES.putIfAbsent(key, backend);
      backend = raced != null ? raced : backend;
    }
    return backend;
  }

  /**
   * Builds the backend {@code backend_args} names, if it names one, so that a wrong argument fails
   * when {@code owner} (a transform or hook) is built, with {@code owner.} before the message.
   */
  public static void checkBackendArgs(@Nullable Map<String, Object> backendArgs, String owner) {
    if (backendArgs != null && backendArgs.containsKey("backend")) {
      try {
        getFileBackend(null, backendArgs);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(owner + "." + e.getMessage(), e);
      }
    }
  }

  private static StorageBackend create(String prefix, Map<String, Object> args) {
    Map<String, Object> rest = new LinkedHashMap<>(args);
    Object named = rest.remove("backend");
    String name;
    if (named != null) {
      if (!(named instanceof String s) || !BY_NAME.containsKey(s)) {
        if ("memcached".equals(named)) {
        throw new IllegalArgumentException("backend_args: the memcached backend is not supported: PoseKit has no"
            + " memcached client; pack the images with `posekit make-lmdb` and read them with backend='lmdb'");
      }
      throw new IllegalArgumentException("backend_args: unknown backend " + quoted(named)
            + "; PoseKit reads through " + String.join(", ", BY_NAME.keySet()));
      }
      name = s;
    } else {
      name = BACKEND_OF_PREFIX.get(prefix);
      if (name == null) {
        throw new IllegalArgumentException("no storage backend reads '" + prefix + "://' paths; known prefixes: "
            + String.join(", ", BACKEND_OF_PREFIX.keySet().stream().filter(p -> !p.isEmpty()).toList()));
      }
    }
    return BY_NAME.get(name).apply(new BackendArgs(name, rest));
  }

  private static String quoted(Object o) {
    return o instanceof String ? "'" + o + "'" : String.valueOf(o);
  }

  /**
   * MMEngine's {@code _parse_uri_prefix}: what comes before {@code ://} ({@code ''} for a plain
   * path), without a Petrel cluster name ({@code cluster:s3://...} is {@code s3}).
   */
  static String uriPrefix(String uri) {
    int at = uri.indexOf("://");
    if (at < 0) {
      return "";
    }
    String prefix = uri.substring(0, at);
    int colon = prefix.indexOf(':');
    return colon >= 0 ? prefix.substring(colon + 1) : prefix;
  }

  /** Starts fetching {@code filepath} in the background if its backend is a remote one. */
  public static void prefetch(String filepath, @Nullable Map<String, Object> backendArgs) {
    getFileBackend(filepath, backendArgs).prefetch(filepath);
  }

  /** The bytes of {@code filepath}. */
  public static byte[] get(String filepath, @Nullable Map<String, Object> backendArgs) {
    return getFileBackend(filepath, backendArgs).get(filepath);
  }

  /** The UTF-8 text of {@code filepath}. */
  public static String getText(String filepath, @Nullable Map<String, Object> backendArgs) {
    return getFileBackend(filepath, backendArgs).getText(filepath, StandardCharsets.UTF_8);
  }

  public static boolean exists(String filepath, @Nullable Map<String, Object> backendArgs) {
    return getFileBackend(filepath, backendArgs).exists(filepath);
  }

  public static String joinPath(String filepath, String... parts) {
    return getFileBackend(filepath, null).joinPath(filepath, parts);
  }

  public static List<String> listDirOrFile(
      String dirPath, boolean listDir, boolean listFile, Set<String> suffix, boolean recursive,
      @Nullable Map<String, Object> backendArgs) {
    return getFileBackend(dirPath, backendArgs).listDirOrFile(dirPath, listDir, listFile, suffix, recursive);
  }
}
