package io.posekit.runtime.config.cache;

import io.posekit.runtime.config.dict.ConfigDict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * An on-disk cache of resolved configs, so that loading a config again (a second {@code
 * print-config}) reads one file instead of starting Jython and running the whole {@code _base_}
 * chain.
 *
 * <p>One entry per config file and loader setup, named by a hash of its key: this PoseKit build,
 * the entry format, the config's absolute path and the scope roots. The entry holds the bytes of
 * every file the load read (the config and all its bases) and the value of every environment
 * variable its {@code {{$NAME:default}}} placeholders asked for, set or not. It is used only when
 * all of those are still the same, byte for byte, so any edit of any file in the chain (or another
 * PoseKit build, or another value of such a variable) loads the files again and replaces the entry.
 * Entries carry a CRC-32C of their contents; a torn or corrupt one is ignored (and overwritten).
 * Loads of trusted configs (which may read anything) and of configs that print are not cached.
 */
public final class ResolvedConfigCache {
  /** Disables the cache for the command line when set to 1 (as {@code --no-cache}). */
  static final String DISABLE_ENV = "POSEKIT_NO_CACHE";
  /** Puts the cache somewhere else than {@code $XDG_CACHE_HOME/posekit/configs}. */
  static final String DIR_ENV = "POSEKIT_CACHE_DIR";

  private static final byte[] MAGIC = "PKCONFIG".getBytes(StandardCharsets.US_ASCII);
  // bump whenever the entry layout or what a load depends on changes
  static final int FORMAT_VERSION = 1;
  private static final int HEADER = MAGIC.length + 4 + 4 + 4;

  private final Path dir;

  public ResolvedConfigCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The cache directory the command line uses: {@code $POSEKIT_CACHE_DIR}, else {@code
   * $XDG_CACHE_HOME/posekit/configs}, else {@code ~/.cache/posekit/configs}; empty when {@code
   * POSEKIT_NO_CACHE=1}.
   */
  public static Optional<Path> defaultDirectory(Map<String, String> env) {
    if ("1".equals(env.get(DISABLE_ENV))) {
      return Optional.empty();
    }
    String own = env.get(DIR_ENV);
    if (own != null && !own.isEmpty()) {
      return Optional.of(Path.of(own));
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return Optional.of(base.resolve("posekit").resolve("configs"));
  }

  /** What a cached load gives back: the dict and what the config and the loader report besides. */
  public record Entry(ConfigDict dict, Map<String, String> usedEnvironment, List<String> deprecations) {}

  /**
   * What a load that just ran read, for its entry: every file (its bytes) and every environment
   * variable a placeholder asked for, and what a cached load must repeat (the used environment,
   * the {@code _deprecation_} warnings).
   */
  public record Reads(Map<String, byte[]> sources, Set<String> environmentNames,
      Map<String, String> usedEnvironment, List<String> deprecations) {}

  /**
   * The entry for {@code file} (absolute, normalized), loaded with these scope roots and package directories, if it is
   * intact and still current under {@code environment}.
   */
  public Optional<Entry> lookup(Path file, Map<String, Path> scopeRoots, Map<String, Path> packageDirs,
      Map<String, String> environment) {
    String key = key(file, scopeRoots, packageDirs);
    Path entry = entryFile(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(entry);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      Log.LOGGER.debug("cannot read config cache entry {}: {}", entry, e.toString());
      return Optional.empty();
    }
    try {
      ResolvedConfigCodec.Reader in = new ResolvedConfigCodec.Reader(body(bytes));
      if (!key.equals(in.readString())) {
        return Optional.empty(); // another config whose key hashed alike
      }
      int sources = in.readCount();
      for (int i = 0; i < sources; i++) {
        Path source = Path.of(in.readString());
        byte[] cached = in.readBytes();
        if (!sameBytes(source, cached)) {
          return Optional.empty();
        }
      }
      int names = in.readCount();
      for (int i = 0; i < names; i++) {
        String name = in.readString();
        String value = in.readBoolean() ? in.readString() : null;
        if (!Objects.equals(value, environment.get(name))) {
          return Optional.empty();
        }
      }
      Map<String, String> used = new LinkedHashMap<>();
      int usedCount = in.readCount();
      for (int i = 0; i < usedCount; i++) {
        used.put(in.readString(), in.readString());
      }
      List<String> deprecations = new ArrayList<>();
      int deprecationCount = in.readCount();
      for (int i = 0; i < deprecationCount; i++) {
        deprecations.add(in.readString());
      }
      Object root = in.readValue();
      if (!(root instanceof ConfigDict dict)) {
        throw new ResolvedConfigCodec.MalformedEntry("the root is not a dict");
      }
      return Optional.of(new Entry(dict, used, deprecations));
    } catch (IOException e) {
      Log.LOGGER.debug("ignoring corrupt config cache entry {}: {}", entry, e.toString());
      return Optional.empty();
    }
  }

  /** Writes the entry of a load that just ran; failing to write only costs the next load time. */
  public void store(Path file, Map<String, Path> scopeRoots, Map<String, Path> packageDirs,
      Map<String, String> environment, Reads loader, ConfigDict dict) {
    String key = key(file, scopeRoots, packageDirs);
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
      ResolvedConfigCodec.Writer out = new ResolvedConfigCodec.Writer(new DataOutputStream(body));
      out.writeString(key);
      out.writeInt(loader.sources().size());
      for (Map.Entry<String, byte[]> source : loader.sources().entrySet()) {
        out.writeString(source.getKey());
        out.writeBytes(source.getValue());
      }
      out.writeInt(loader.environmentNames().size());
      for (String name : loader.environmentNames()) {
        String value = environment.get(name);
        out.writeString(name);
        out.writeBoolean(value != null);
        if (value != null) {
          out.writeString(value);
        }
      }
      out.writeInt(loader.usedEnvironment().size());
      for (Map.Entry<String, String> e : loader.usedEnvironment().entrySet()) {
        out.writeString(e.getKey());
        out.writeString(e.getValue());
      }
      out.writeInt(loader.deprecations().size());
      for (String message : loader.deprecations()) {
        out.writeString(message);
      }
      out.writeValue(dict);
      write(entryFile(key), withHeader(body.toByteArray()));
    } catch (IOException | RuntimeException e) {
      Log.LOGGER.debug("cannot write config cache entry for {}: {}", file, e.toString());
    }
  }

  private static boolean sameBytes(Path source, byte[] cached) {
    try {
      return Files.size(source) == cached.length && Arrays.equals(Files.readAllBytes(source), cached);
    } catch (IOException e) {
      return false; // gone or unreadable: load again, which reports it properly
    }
  }

  private static byte[] withHeader(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
    out.put(MAGIC).putInt(FORMAT_VERSION).putInt(body.length).putInt((int) crc.getValue()).put(body);
    return out.array();
  }

  /** The body of an entry after checking magic, version, length and checksum. */
  private static DataInputStream body(byte[] bytes) throws IOException {
    if (bytes.length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new ResolvedConfigCodec.MalformedEntry("not a config cache entry");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER - MAGIC.length);
    int version = header.getInt();
    int length = header.getInt();
    int checksum = header.getInt();
    if (version != FORMAT_VERSION) {
      throw new ResolvedConfigCodec.MalformedEntry("entry format " + version + ", expected " + FORMAT_VERSION);
    }
    if (length != bytes.length - HEADER) {
      throw new ResolvedConfigCodec.MalformedEntry("truncated: " + (bytes.length - HEADER) + " of " + length + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, HEADER, length);
    if ((int) crc.getValue() != checksum) {
      throw new ResolvedConfigCodec.MalformedEntry("checksum mismatch");
    }
    return new DataInputStream(new ByteArrayInputStream(bytes, HEADER, length));
  }

  /** Write to a temporary file and move it in place, so that readers never see half an entry. */
  private void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".entry-", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  Path entryFile(String key) {
    return dir.resolve(String.format("%016x.cfg", fnv1a64(key)));
  }

  /** Everything besides file contents and environment values that decides what a load gives. */
  static String key(Path file, Map<String, Path> scopeRoots, Map<String, Path> packageDirs) {
    StringBuilder key = new StringBuilder("posekit-config-cache/").append(FORMAT_VERSION)
        .append('\n').append(BuildInfo.ID)
        .append('\n').append(file);
    new TreeMap<>(scopeRoots).forEach((scope, root) ->
        key.append('\n').append(scope).append("::").append(root.toAbsolutePath().normalize()));
    new TreeMap<>(packageDirs).forEach((pkg, dir) ->
        key.append('\n').append(pkg).append(".*=").append(dir.toAbsolutePath().normalize()));
    return key.toString();
  }

  private static long fnv1a64(String s) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      hash ^= s.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** Made on first use: a cache hit, the path print-config takes, then never starts the logging system. */
  private static final class Log {
    static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(ResolvedConfigCache.class);
  }

  /** This build of PoseKit: its version and build time (the loader's behaviour may differ between builds). */
  static final class BuildInfo {
    static final String ID = read();

    private BuildInfo() {}

    private static String read() {
      try (InputStream in = ResolvedConfigCache.class.getResourceAsStream("build.properties")) {
        if (in == null) {
          throw new IllegalStateException("io/posekit/runtime/config/cache/build.properties is missing from the classpath");
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version") + "@" + p.getProperty("built");
      } catch (IOException e) {
        throw new IllegalStateException("cannot read build.properties", e);
      }
    }
  }
}
