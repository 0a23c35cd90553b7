package io.posekit.runtime.config;

import io.posekit.runtime.config.cache.ResolvedConfigCache;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.runtime.config.dict.ConfigValues;
import io.posekit.runtime.config.dict.PythonLiteralWriter;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.KeyPath;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Suggestions;
import io.posekit.spi.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded config, as MMEngine's {@code Config}: read from a Python, JSON or YAML file with its
 * {@code _base_} files, queried with dotted paths, changed with {@link #mergeFromDict}, dumped.
 */
public final class Config {
  private static final List<String> RESERVED_KEYS = List.of("filename", "text", "pretty_text", "env_variables");

  private ConfigDict dict;
  private final Path filename;
  private final Map<String, String> envVariables;

  private Config(ConfigDict dict, Path filename, Map<String, String> envVariables) {
    for (String reserved : RESERVED_KEYS) {
      if (dict.containsKey(reserved)) {
        throw new ConfigLoadException(dict.locationOf(reserved).orElse(new SourceLocation(String.valueOf(filename), 0)),
            reserved + " is reserved for config file");
      }
    }
    this.dict = dict;
    this.filename = filename;
    this.envVariables = Map.copyOf(envVariables);
  }

  /** A config of the given values, not read from a file. */
  public static Config of(Map<?, ?> values) {
    return new Config((ConfigDict) ConfigValues.normalize(values instanceof ConfigDict d ? d.deepCopy() : values), null, Map.of());
  }

  public static Config fromFile(Path file) {
    return fromFile(file, LoadOptions.defaults());
  }

  /** Loads {@code file}; with {@link LoadOptions#withCache} a current cached result stands for running the files. */
  public static Config fromFile(Path file, LoadOptions options) {
    Path path = file.toAbsolutePath().normalize();
    ResolvedConfigCache cache = options.cacheDir() != null && !options.unsafe()
        ? new ResolvedConfigCache(options.cacheDir()) : null;
    if (cache != null) {
      Optional<ResolvedConfigCache.Entry> hit = cache.lookup(path, options.scopeRoots(), options.packageDirs(), options.environment());
      if (hit.isPresent()) {
        hit.get().deprecations().forEach(ConfigLoader::logDeprecation);
        return new Config(hit.get().dict(), path, hit.get().usedEnvironment());
      }
    }
    ConfigLoader loader = new ConfigLoader(options);
    ConfigDict dict = loader.load(path, List.of(), null);
    Config config = new Config(dict, path, loader.usedEnvironment());
    if (cache != null && loader.cacheable()) {
      cache.store(path, options.scopeRoots(), options.packageDirs(), options.environment(), loader.reads(), dict);
    }
    return config;
  }

  /** Reads config text; relative bases resolve against the working directory. */
  public static Config fromString(String text, String format) {
    return fromString(text, format, LoadOptions.defaults());
  }

  public static Config fromString(String text, String format, LoadOptions options) {
    ConfigFormat f = ConfigFormat.named(format);
    String ext = switch (f) {
      case PYTHON -> ".py";
      case JSON -> ".json";
      case YAML -> ".yaml";
    };
    ConfigLoader loader = new ConfigLoader(options);
    Path pseudo = Path.of("").toAbsolutePath().resolve("<string>" + ext);
    ConfigDict dict = loader.loadText(pseudo, text, f, List.of());
    return new Config(dict, null, loader.usedEnvironment());
  }

  /** The file this config was read from, if any. */
  public Optional<Path> filename() {
    return Optional.ofNullable(filename);
  }

  /** Environment variables that replaced {@code {{$NAME:default}}} placeholders. */
  public Map<String, String> envVariables() {
    return envVariables;
  }

  /** The root dict (live: changes show in this config). */
  public ConfigDict dict() {
    return dict;
  }

  /** The value at a dotted path; list and tuple items by number ({@code a.b.0.c}). */
  public Object get(String dottedPath) {
    Object current = dict;
    KeyPath walked = KeyPath.root();
    for (String segment : KeyPath.parse(dottedPath).segments()) {
      current = step(current, segment, walked);
      walked = walked.key(segment);
    }
    return current;
  }

  /** Like {@link #get} with the expected type checked. */
  public <T> T get(String dottedPath, Class<T> type) {
    Object v = get(dottedPath);
    if (!type.isInstance(v)) {
      throw problem(KeyPath.parse(dottedPath), "expected " + type.getSimpleName() + " but found "
          + ConfigValues.pythonTypeName(v), null, null);
    }
    return type.cast(v);
  }

  private static Object step(Object current, String segment, KeyPath walked) {
    if (current instanceof ConfigDict d) {
      if (d.containsKey(segment)) {
        return d.get(segment);
      }
      Integer index = asIndex(segment);
      if (index != null && d.containsKey(index)) {
        return d.get(index);
      }
      List<String> names = d.keySet().stream().map(String::valueOf).toList();
      throw problem(walked.key(segment), "no such key", Suggestions.didYouMean(segment, names),
          d.location().orElse(null));
    }
    List<?> items = current instanceof Tuple t ? t.asList() : current instanceof List<?> l ? l : null;
    Integer index = asIndex(segment);
    if (items != null && index != null) {
      if (index >= items.size()) {
        throw problem(walked.key(segment), "index out of range (length " + items.size() + ")", null, null);
      }
      return items.get(index);
    }
    throw problem(walked.key(segment), "cannot look up '" + segment + "' in a "
        + ConfigValues.pythonTypeName(current), null, null);
  }

  private static Integer asIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit) && segment.length() < 10
        ? Integer.valueOf(segment) : null;
  }

  private static ConfigException problem(KeyPath path, String message, String hint, SourceLocation where) {
    return new ConfigException("config lookup failed", List.of(new ConfigProblem(path, message, hint, where)));
  }

  /**
   * MMEngine's {@code merge_from_dict} (as {@code --cfg-options}): dotted keys build nested dicts
   * that merge into this config; digit segments index into lists.
   */
  public void mergeFromDict(Map<String, ?> options) {
    mergeFromDict(options, true);
  }

  public void mergeFromDict(Map<String, ?> options, boolean allowListKeys) {
    mergeFromDict(options, allowListKeys, "<merge_from_dict>");
  }

  /** {@code origin} names where the options came from in provenance ({@code --cfg-options}). */
  public void mergeFromDict(Map<String, ?> options, boolean allowListKeys, String origin) {
    mergeFromDict(options, allowListKeys, new SourceLocation(origin, 0));
  }

  private void mergeFromDict(Map<String, ?> options, boolean allowListKeys, SourceLocation origin) {
    ConfigDict nested = new ConfigDict(origin);
    for (Map.Entry<String, ?> option : options.entrySet()) {
      ConfigDict d = nested;
      String[] keys = option.getKey().split("\\.", -1);
      for (int i = 0; i < keys.length - 1; i++) {
        if (!(d.get(keys[i]) instanceof ConfigDict)) {
          d.put(keys[i], new ConfigDict(origin), origin);
        }
        d = (ConfigDict) d.get(keys[i]);
      }
      d.put(keys[keys.length - 1], option.getValue(), origin);
    }
    dict = (ConfigDict) ConfigMerger.merge(nested, dict, allowListKeys, "");
  }

  /** Writes the config; the format comes from the extension (.py, .json, .yaml/.yml). */
  public void dump(Path file) {
    try {
      Files.writeString(file, ConfigWriter.text(dict, ConfigFormat.of(file)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The config as text in {@code format}. */
  public String dumpText(ConfigFormat format) {
    return ConfigWriter.text(dict, format);
  }

  /** What print-config shows: Python source that reads back to this config. */
  public String prettyText() {
    return PythonLiteralWriter.write(dict);
  }

  /**
   * What set the value at {@code dottedPath}: file and line, the base values it overrode or merged
   * into, {@code _delete_} and {@code --cfg-options} changes (what {@code print-config --explain} prints).
   *
   * @throws ConfigException when there is no such key (with a did-you-mean)
   */
  public String explain(String dottedPath) {
    return ValueProvenance.explain(this, dottedPath);
  }

  /**
   * Things that load but are probably not meant: a {@code _delete_} key left in a dict because no
   * base had a value to delete (MMEngine keeps the key, as this config does).
   */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    collectUnusedDeletes(dict, KeyPath.root(), out);
    return out;
  }

  private static void collectUnusedDeletes(Object value, KeyPath path, List<String> out) {
    if (value instanceof ConfigDict d) {
      if (d.containsKey(ConfigMerger.DELETE_KEY)) {
        String where = d.locationOf(ConfigMerger.DELETE_KEY).map(l -> l + ": ").orElse("");
        out.add(where + path + ": _delete_=" + PythonLiteralWriter.flat(d.get(ConfigMerger.DELETE_KEY))
            + " has nothing to delete: no base sets " + path + "; the key '_delete_' stays in the config, as in MMEngine");
      }
      for (Map.Entry<Object, Object> e : d.entrySet()) {
        collectUnusedDeletes(e.getValue(), path.key(String.valueOf(e.getKey())), out);
      }
    } else if (value instanceof List<?> || value instanceof Tuple) {
      List<?> items = value instanceof Tuple t ? t.asList() : (List<?>) value;
      for (int i = 0; i < items.size(); i++) {
        collectUnusedDeletes(items.get(i), path.index(i), out);
      }
    }
  }

  /** MMEngine's {@code Config.diff}: a unified diff of the two pretty texts, empty when equal. */
  public static String diff(Config a, Config b) {
    return ConfigDiff.unified(a.describeSource(), a.prettyText(), b.describeSource(), b.prettyText());
  }

  private String describeSource() {
    return filename == null ? "<config>" : filename.toString();
  }

  /** A plain nested copy (LinkedHashMap, ArrayList, Tuple). */
  public Map<Object, Object> toMap() {
    return Collections.unmodifiableMap(dict.toMap());
  }

  @Override
  public String toString() {
    return "Config (path: " + filename + "): " + new ArrayList<>(dict.keySet());
  }
}
