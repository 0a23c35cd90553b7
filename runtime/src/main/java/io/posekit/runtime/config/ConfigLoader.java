package io.posekit.runtime.config;

import io.posekit.runtime.config.cache.ResolvedConfigCache;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.runtime.config.dict.ConfigValues;
import io.posekit.runtime.config.python.DisplayRewriter;
import io.posekit.runtime.config.python.FStringRewriter;
import io.posekit.runtime.config.python.PythonConfigCompiler;
import io.posekit.runtime.config.python.PythonConfigRunner;
import io.posekit.runtime.config.python.ScriptBudget;
import io.posekit.runtime.config.python.ScriptContext;
import io.posekit.runtime.config.python.TextSubstitutions;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** MMEngine's {@code Config._file2dict}: one file, its bases, substitutions and merging. */
final class ConfigLoader {
  static final String BASE_KEY = "_base_";
  static final String DEPRECATION_KEY = "_deprecation_";

  private final LoadOptions options;
  private final boolean trusted;
  private final ScriptBudget budget;
  private final Map<String, String> usedEnvironment = new LinkedHashMap<>();
  // what the result depends on, for ResolvedConfigCache: every file read (its bytes) and every
  // {{$NAME:default}} name looked up; plus what a cached load must repeat or cannot repeat
  private final Map<String, byte[]> sources = new LinkedHashMap<>();
  private final Set<String> environmentNames = new LinkedHashSet<>();
  private final List<String> deprecations = new ArrayList<>();
  private boolean printed;

  private FileListener fileListener;

  /** Told about every file loaded, bases included: what config-gen turns into one class per file. */
  interface FileListener {
    /**
     * A {@code _base_} style file. {@code own}: its own values before merging ({@code _delete_}
     * kept); {@code merged}: its result; {@code baseScopes}: the scope of each {@code scope::} base.
     */
    void loaded(Path file, List<Path> bases, Map<Path, String> baseScopes, ConfigDict own, ConfigDict merged);

    /**
     * A lazy-import file ({@code with read_base():}), base or root: its {@code imports} in order and
     * its variables as its code left them, without the names it or its bases imported from
     * elsewhere (what it gives when loaded itself).
     */
    void loadedLazy(Path file, List<LazyBase> imports, ConfigDict variables);
  }

  /** One name of {@code from <file> import <name> [as <alias>]} in {@code with read_base():}; name {@code *} for all. */
  record LazyBase(Path file, String name, String alias, int line) {}

  void setFileListener(FileListener listener) {
    this.fileListener = listener;
  }

  ConfigLoader(LoadOptions options) {
    this.options = options;
    this.trusted = options.unsafe();
    this.budget = new ScriptBudget(options.timeout(), options.memory());
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

  /** What this load read, for the entry {@link ResolvedConfigCache} keeps of it. */
  ResolvedConfigCache.Reads reads() {
    return new ResolvedConfigCache.Reads(sources, environmentNames, usedEnvironment, deprecations);
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
      compiled = PythonConfigCompiler.get().compile(path, source, !trusted, false);
      if (compiled.lazy() != null) {
        return loadLazyRoot(path, original, chain);
      }
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
    Map<Path, String> baseScopes = new LinkedHashMap<>();
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
        baseScopes.put(basePath.toAbsolutePath().normalize(), scope);
      }
      for (Map.Entry<Object, Object> e : loaded.entrySet()) {
        base.put(e.getKey(), e.getValue(), loaded.locationOf(e.getKey()).orElse(null));
        base.setOverrides(e.getKey(), loaded.overridesOf(e.getKey()));
      }
    }

    ConfigDict defined;
    if (compiled != null) {
      PythonConfigRunner.Result result = PythonConfigRunner.run(path, compiled.pieces(), base, context, trusted, budget);
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
    ConfigDict own = fileListener == null ? null : defined.deepCopy(); // merging consumes _delete_
    ConfigDict merged = (ConfigDict) ConfigMerger.merge(defined, base, false, "");
    merged.setLocation(context.at(0));
    merged.keySet().removeIf(k -> k instanceof String s && s.startsWith("__"));
    if (fileListener != null) {
      fileListener.loaded(path, basePaths, baseScopes, own, merged);
    }
    return merged;
  }

  /** A lazy-import file's variables (all of them) and the names it or its bases imported. */
  private record LazyResult(ConfigDict dict, Set<String> imported) {}

  /**
   * MMEngine's lazy-import config ({@code with read_base(): from .._base_.x import *}): its bases
   * are imported as Python modules (no dict merging, no text substitutions, no {@code _scope_}),
   * other imports are stand-ins that load as {@code 'module.Name'} strings, and, as MMEngine's
   * {@code to_dict}, every imported name is left out of the result.
   */
  private ConfigDict loadLazyRoot(Path path, String original, List<String> chain) {
    if (!chain.isEmpty()) {
      throw new ConfigLoadException(new SourceLocation(path.toString(), 0, chain),
          "a lazy-import config (`with read_base():`) cannot be the _base_ of a config that uses _base_");
    }
    LazyResult result = loadLazy(path, original, chain);
    ConfigDict out = result.dict();
    out.keySet().removeAll(result.imported());
    return out;
  }

  private LazyResult loadLazy(Path path, String original, List<String> chain) {
    String name = path.toString();
    ScriptContext context = new ScriptContext(name, chain);
    String source;
    try {
      source = DisplayRewriter.rewrite(FStringRewriter.rewrite(original));
    } catch (IllegalArgumentException e) {
      throw new ConfigLoadException(path, 0, e.getMessage());
    }
    PythonConfigCompiler.Compiled compiled = PythonConfigCompiler.get().compile(path, source, !trusted, true);
    List<String> childChain = new ArrayList<>(chain);
    childChain.add(name);
    ConfigDict globals = new ConfigDict(context.at(0));
    Set<String> imported = new LinkedHashSet<>(compiled.lazy().importedNames());
    List<LazyBase> imports = new ArrayList<>();
    for (PythonConfigCompiler.BaseImport base : compiled.lazy().bases()) {
      SourceLocation at = context.at(base.line());
      Path basePath = lazyBasePath(path, base.module(), at).toAbsolutePath().normalize();
      String baseName = basePath.toString();
      if (childChain.contains(baseName)) {
        List<String> loop = new ArrayList<>(childChain.subList(childChain.indexOf(baseName), childChain.size()));
        loop.add(baseName);
        throw new ConfigLoadException(at, "cyclic read_base import: " + String.join(" -> ", loop));
      }
      LazyResult loaded = loadLazyFile(basePath, childChain, at);
      imported.addAll(loaded.imported());
      for (String[] alias : base.names()) {
        imports.add(new LazyBase(basePath, alias[0], alias[1], base.line()));
        if ("*".equals(alias[0])) {
          for (Map.Entry<Object, Object> e : loaded.dict().entrySet()) {
            globals.put(e.getKey(), ConfigValues.deepCopy(e.getValue()), loaded.dict().locationOf(e.getKey()).orElse(null));
          }
        } else if (!loaded.dict().containsKey(alias[0])) {
          throw new ConfigLoadException(at, "cannot import name '" + alias[0] + "' from " + base.module() + " (" + basePath + ")");
        } else {
          globals.put(alias[1] != null ? alias[1] : alias[0], ConfigValues.deepCopy(loaded.dict().get(alias[0])),
              loaded.dict().locationOf(alias[0]).orElse(null));
        }
      }
    }
    ConfigDict defined = PythonConfigRunner.runLazy(path, compiled.pieces(), globals, context, trusted, budget);
    printed |= context.printed();
    defined.keySet().removeIf(k -> k instanceof String s && s.startsWith("__"));
    defined.setLocation(context.at(0));
    if (fileListener != null) {
      ConfigDict variables = defined.deepCopy();
      variables.keySet().removeAll(imported);
      fileListener.loadedLazy(path, imports, variables);
    }
    return new LazyResult(defined, imported);
  }

  private LazyResult loadLazyFile(Path path, List<String> chain, SourceLocation requestedAt) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigLoadException(requestedAt, path + " not found: no config file for this module of `with read_base():`");
    }
    try {
      byte[] bytes = Files.readAllBytes(path);
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      sources.put(path.toString(), bytes);
      return loadLazy(path, text, chain);
    } catch (IOException e) {
      throw new ConfigLoadException(path, 0, "cannot read: " + e.getMessage());
    }
  }

  /**
   * The file a {@code with read_base():} module names, as MMEngine finds it: {@code ..a.b} relative
   * to the importing file's directory (one dot: that directory); {@code pkg.a.b} as module {@code
   * a/b.py} of package {@code pkg}'s directory (see {@link PackageRoots}), or, when only its
   * configs root is known, {@code pkg.configs.a.b} as {@code a/b.py} of that root.
   */
  private Path lazyBasePath(Path importer, String module, SourceLocation at) {
    int level = 0;
    while (level < module.length() && module.charAt(level) == '.') {
      level++;
    }
    if (level > 0) {
      Path dir = importer.getParent();
      for (int i = 1; i < level; i++) {
        dir = dir.resolve("..");
      }
      return dir.resolve(module.substring(level).replace('.', '/') + ".py");
    }
    String[] parts = module.split("\\.");
    if (parts.length == 1) {
      throw new ConfigLoadException(at, "The imported configuration file should not be an independent package "
          + module + "; import a module of its configs, e.g. `from " + module + ".configs._base_.default_runtime import *`");
    }
    List<String> inside = List.of(parts).subList(1, parts.length);
    Path packageDir = options.packageDirs().get(parts[0]);
    if (packageDir != null) {
      return packageDir.resolve(String.join("/", inside) + ".py");
    }
    Path root = options.scopeRoots().get(parts[0]);
    if (root == null) {
      throw new ConfigLoadException(at, "no directory for package '" + parts[0] + "' (`from " + module
          + " import ...` in `with read_base():`); give its checkout or package directory with --scope-root "
          + parts[0] + "=DIR (LoadOptions.withScopeRoots or withPackageDirs)");
    }
    if (parts.length < 3 || !parts[1].equals("configs")) {
      throw new ConfigLoadException(at, module + ": only " + parts[0] + ".configs.<path> modules can be read from the configs root "
          + root + "; give the package directory of '" + parts[0] + "' (LoadOptions.withPackageDirs)");
    }
    return root.resolve(String.join("/", inside.subList(1, inside.size())) + ".py");
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
    LoggerFactory.getLogger(ConfigLoader.class).warn(message);
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
