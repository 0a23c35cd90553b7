package io.posekit.runtime.config;

import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.io.IOException;
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
  private FileListener fileListener;

  /** Told about every file loaded, bases included: what config-gen turns into one class per file. */
  interface FileListener {
    /** {@code own}: the file's own values before merging ({@code _delete_} kept); {@code merged}: its result. */
    void loaded(Path file, List<Path> bases, ConfigDict own, ConfigDict merged);
  }

  void setFileListener(FileListener listener) {
    this.fileListener = listener;
  }

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

  /** Loads {@code file} with everything it inherits. {@code chain}: the files that led here. */
  ConfigDict load(Path file, List<String> chain, SourceLocation requestedAt) {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      SourceLocation where = requestedAt != null ? requestedAt : new SourceLocation(path.toString(), 0, chain);
      throw new ConfigLoadException(where, "config file not found: " + path);
    }
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigLoadException(path, 0, "cannot read: " + e.getMessage());
    }
    return loadText(path, text, ConfigFormat.of(path), chain);
  }

  ConfigDict loadText(Path path, String original, ConfigFormat format, List<String> chain) {
    String name = path.toString();
    ScriptContext context = new ScriptContext(name, chain);
    String text = TextSubstitutions.predefined(original, path);
    text = TextSubstitutions.environment(text, options.environment(), usedEnvironment, path);
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
    List<Path> basePaths = new ArrayList<>();
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
      basePaths.add(basePath.toAbsolutePath().normalize());
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
      defined = result.defined();
      result.base().inheritOverrides(base);
      base = result.base();
    } else {
      defined = structured;
    }

    if (defined.containsKey(DEPRECATION_KEY)) {
      warnDeprecated(name, defined.remove(DEPRECATION_KEY));
    }
    substituteBaseVariables(defined, placeholders, base, path);
    defined.remove(BASE_KEY);
    ConfigDict own = fileListener == null ? null : defined.deepCopy(); // merging consumes _delete_
    ConfigDict merged = (ConfigDict) ConfigMerger.merge(defined, base, false, "");
    merged.setLocation(context.at(0));
    merged.keySet().removeIf(k -> k instanceof String s && s.startsWith("__"));
    if (fileListener != null) {
      fileListener.loaded(path, basePaths, own, merged);
    }
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

  private static void warnDeprecated(String file, Object info) {
    StringBuilder msg = new StringBuilder("The config file " + file + " will be deprecated in the future.");
    if (info instanceof ConfigDict d) {
      if (d.containsKey("expected")) {
        msg.append(" Please use ").append(d.get("expected")).append(" instead.");
      }
      if (d.containsKey("reference")) {
        msg.append(" More information can be found at ").append(d.get("reference"));
      }
    }
    LOG.log(Level.WARNING, msg.toString());
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
