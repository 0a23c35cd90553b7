package io.posekit.runtime.config;

import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MMEngine's {@code Config._file2dict}: one file, its bases, substitutions and merging. */
final class ConfigLoader {
  static final String BASE_KEY = "_base_";
  static final String DEPRECATION_KEY = "_deprecation_";
  private static final System.Logger LOG = System.getLogger(ConfigLoader.class.getName());

  private final LoadOptions options;
  private final boolean trusted;
  private final Map<String, String> usedEnvironment = new LinkedHashMap<>();
  // what the result depends on, for ResolvedConfigCache: every file read (its bytes) and every
  // {{$NAME:default}} name looked up; plus what a cached load must repeat or cannot repeat
  private final Map<String, byte[]> sources = new LinkedHashMap<>();
  private final Set<String> environmentNames = new LinkedHashSet<>();
  private final List<String> deprecations = new ArrayList<>();
  private boolean printed;

  ConfigLoader(LoadOptions options) {
    this.options = options;
    this.trusted = options.unsafe();
    if (trusted && !"1".equals(System.getenv(LoadOptions.UNSAFE_ENV))) {
      throw new ConfigLoadException(new SourceLocation("<options>", 0),
          "LoadOptions.allowUnsafe() also needs the environment variable " + LoadOptions.UNSAFE_ENV + "=1");
    }
  }

  Map<String, String> usedEnvironment() {
    return usedEnvironment;
  }

  /** Every file this loader read, by absolute path, with its bytes. */
  Map<String, byte[]> sources() {
    return sources;
  }

  /** Every environment variable a {@code {{$NAME:default}}} placeholder asked for, set or not. */
  Set<String> environmentNames() {
    return environmentNames;
  }

  /** The {@code _deprecation_} warnings logged while loading. */
  List<String> deprecations() {
    return deprecations;
  }

  /** Whether a cached copy may stand for this load: a sandboxed config that printed nothing. */
  boolean cacheable() {
    return !trusted && !printed;
  }

  /** Loads {@code file} with everything it inherits. {@code chain}: the files that led here. */
  ConfigDict load(Path file, List<String> chain, SourceLocation requestedAt) {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      SourceLocation where = requestedAt != null ? requestedAt : new SourceLocation(path.toString(), 0, chain);
      throw new ConfigLoadException(where, "config file not found: " + path);
    }
    String text;
    try {
      byte[] bytes = Files.readAllBytes(path);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      sources.put(path.toString(), bytes);
    } catch (IOException e) {
      throw new ConfigLoadException(path, 0, "cannot read: " + e.getMessage());
    }
    return loadText(path, text, ConfigFormat.of(path), chain);
  }

  ConfigDict loadText(Path path, String original, ConfigFormat format, List<String> chain) {
    String name = path.toString();
    ScriptContext context = new ScriptContext(name, chain);
    String text = TextSubstitutions.predefined(original, path);
    text = TextSubstitutions.environment(text, options.environment(), usedEnvironment, environmentNames, path);
    Map<String, String> placeholders = new LinkedHashMap<>();
    text = TextSubstitutions.basePlaceholders(text, placeholders);

    PythonConfigCompiler.Compiled compiled = null;
    ConfigDict structured = null;
    List<String> baseFiles;
    if (format == ConfigFormat.PYTHON) {
      String source;
      try {
        source = DisplayRewriter.rewrite(FStringRewriter.rewrite(text));
      } catch (IllegalArgumentException e) {
        throw new ConfigLoadException(path, 0, e.getMessage());
      }
      compiled = PythonConfigCompiler.get().compile(path, source, !trusted);
      baseFiles = compiled.baseFiles();
    } else {
      structured = format == ConfigFormat.JSON
          ? StructuredConfigReader.readJson(path, text, context::at)
          : StructuredConfigReader.readYaml(path, text, context::at);
      baseFiles = structuredBases(path, structured);
    }

    List<String> childChain = new ArrayList<>(chain);
    childChain.add(name);
    ConfigDict base = new ConfigDict(context.at(0));
    SourceLocation baseLine = locateBaseKey(original, context, structured);
    for (String baseFile : baseFiles) {
      String scope = null;
      Path basePath;
      int sep = baseFile.indexOf("::");
      if (sep >= 0) {
        scope = baseFile.substring(0, sep);
        Path root = options.scopeRoots().get(scope);
        if (root == null) {
          throw new ConfigLoadException(baseLine, "no root configured for scope '" + scope
              + "' (base " + baseFile + "); set LoadOptions.withScopeRoots");
        }
        basePath = root.resolve(baseFile.substring(sep + 2));
      } else {
        basePath = path.getParent().resolve(baseFile);
      }
      String baseName = basePath.toAbsolutePath().normalize().toString();
      if (childChain.contains(baseName)) {
        // MMEngine recurses until Python's recursion limit; name the loop instead
        List<String> loop = new ArrayList<>(childChain.subList(childChain.indexOf(baseName), childChain.size()));
        loop.add(baseName);
        throw new ConfigLoadException(baseLine, "cyclic _base_: " + String.join(" -> ", loop));
      }
      ConfigDict loaded = load(basePath, childChain, baseLine);
      Set<Object> duplicates = new LinkedHashSet<>(loaded.keySet());
      duplicates.retainAll(base.keySet());
      if (!duplicates.isEmpty()) {
        throw new ConfigLoadException(baseLine,
            "Duplicate key is not allowed among bases. Duplicate keys: " + duplicates);
      }
      if (scope != null) {
        addScope(loaded, scope, true);
      }
      for (Map.Entry<Object, Object> e : loaded.entrySet()) {
        base.put(e.getKey(), e.getValue(), loaded.locationOf(e.getKey()).orElse(null));
        base.setOverrides(e.getKey(), loaded.overridesOf(e.getKey()));
      }
    }

    ConfigDict defined;
    if (compiled != null) {
      PythonConfigRunner.Result result = PythonConfigRunner.run(path, compiled.pieces(), base, context, trusted);
      printed |= context.printed();
      defined = result.defined();
      result.base().inheritOverrides(base);
      base = result.base();
    } else {
      defined = structured;
    }

    if (defined.containsKey(DEPRECATION_KEY)) {
      deprecations.add(warnDeprecated(name, defined.remove(DEPRECATION_KEY)));
    }
    substituteBaseVariables(defined, placeholders, base, path);
    defined.remove(BASE_KEY);
    ConfigDict merged = (ConfigDict) ConfigMerger.merge(defined, base, false, "");
    merged.setLocation(context.at(0));
    merged.keySet().removeIf(k -> k instanceof String s && s.startsWith("__"));
    return merged;
  }

  private static List<String> structuredBases(Path path, ConfigDict dict) {
    Object bases = dict.get(BASE_KEY);
    List<String> out = new ArrayList<>();
    if (bases instanceof String s) {
      out.add(s);
    } else if (bases instanceof List<?> list) {
      for (Object b : list) {
        out.add(String.valueOf(b));
      }
    } else if (bases != null) {
      throw new ConfigLoadException(dict.locationOf(BASE_KEY).orElseThrow(), "_base_ must be a path or a list of paths");
    }
    return out;
  }

  /** The line of {@code _base_ = ...} for errors about bases. */
  private static SourceLocation locateBaseKey(String text, ScriptContext context, ConfigDict structured) {
    if (structured != null) {
      return structured.locationOf(BASE_KEY).orElse(context.at(0));
    }
    int at = text.indexOf(BASE_KEY);
    return context.at(at < 0 ? 0 : TextSubstitutions.lineOf(text, at));
  }

  /** MMEngine adds {@code _scope_} to the outermost dicts with a 'type' of a scoped base. */
  private static void addScope(Object value, String scope, boolean hasScope) {
    if (value instanceof ConfigDict d) {
      boolean inner = hasScope;
      if (hasScope && d.containsKey("type")) {
        inner = false;
        if (d.get("_scope_") == null) {
          d.put("_scope_", scope);
        }
      }
      for (Object v : d.values()) {
        addScope(v, scope, inner);
      }
    } else if (value instanceof List<?> l) {
      for (Object v : l) {
        addScope(v, scope, hasScope);
      }
    } else if (value instanceof Tuple t) {
      for (Object v : t) {
        addScope(v, scope, hasScope);
      }
    }
  }

  private static String warnDeprecated(String file, Object info) {
    StringBuilder msg = new StringBuilder("The config file " + file + " will be deprecated in the future.");
    if (info instanceof ConfigDict d) {
      if (d.containsKey("expected")) {
        msg.append(" Please use ").append(d.get("expected")).append(" instead.");
      }
      if (d.containsKey("reference")) {
        msg.append(" More information can be found at ").append(d.get("reference"));
      }
    }
    logDeprecation(msg.toString());
    return msg.toString();
  }

  static void logDeprecation(String message) {
    LOG.log(Level.WARNING, message);
  }

  /** Replaces the placeholder strings left by {@code {{_base_.x}}} with the base values. */
  private static void substituteBaseVariables(ConfigDict dict, Map<String, String> placeholders, ConfigDict base, Path file) {
    if (placeholders.isEmpty()) {
      return;
    }
    for (Map.Entry<Object, Object> e : dict.entrySet()) {
      e.setValue(substitute(e.getValue(), placeholders, base, file));
    }
  }

  private static Object substitute(Object value, Map<String, String> placeholders, ConfigDict base, Path file) {
    if (value instanceof String s && placeholders.containsKey(s)) {
      Object v = base;
      for (String part : placeholders.get(s).split("\\.")) {
        if (!(v instanceof ConfigDict d) || !d.containsKey(part)) {
          throw new ConfigLoadException(file, 0, "{{_base_." + placeholders.get(s) + "}}: no such base variable");
        }
        v = d.get(part);
      }
      return ConfigValues.deepCopy(v);
    }
    if (value instanceof ConfigDict d) {
      substituteBaseVariables(d, placeholders, base, file);
      return d;
    }
    if (value instanceof ConfigList l) {
      for (int i = 0; i < l.size(); i++) {
        l.set(i, substitute(l.get(i), placeholders, base, file));
      }
      return l;
    }
    if (value instanceof Tuple t) {
      List<Object> items = new ArrayList<>();
      for (Object item : t) {
        items.add(substitute(item, placeholders, base, file));
      }
      return Tuple.copyOf(items);
    }
    return value;
  }
}
