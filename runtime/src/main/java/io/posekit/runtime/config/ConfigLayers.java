package io.posekit.runtime.config;

import io.posekit.configgen.ConfigLayer;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads config files the way {@link Config#fromFile} does and keeps every file of their
 * {@code _base_} chains and {@code with read_base():} imports as a {@link ConfigLayer}: its own
 * evaluated values, its bases (with their scopes, or the names it imports) and its result, named
 * relative to a config root. The input of config-gen.
 */
public final class ConfigLayers {
  private final Path root;
  private final LoadOptions options;
  private final Map<Path, Loaded> files = new LinkedHashMap<>();
  private final Map<Path, Config> configs = new LinkedHashMap<>();

  /** One file; {@code imports} null for a {@code _base_} file. */
  private record Loaded(List<Path> bases, Map<Path, String> baseScopes, ConfigDict own, ConfigDict merged,
      List<ConfigLoader.LazyBase> imports) {}

  /** Names are relative to {@code root}; every file loaded must lie below it. */
  public ConfigLayers(Path root, LoadOptions options) {
    this.root = root.toAbsolutePath().normalize();
    this.options = options;
  }

  public Path root() {
    return root;
  }

  /**
   * Loads {@code file} with its bases (a file already loaded is not loaded again).
   *
   * @return the config as {@link Config#fromFile} gives it
   * @throws ConfigLoadException naming file and line, as loading does
   */
  public Config load(Path file) {
    Path path = file.toAbsolutePath().normalize();
    Config known = configs.get(path);
    if (known != null) {
      return known;
    }
    ConfigLoader loader = new ConfigLoader(options);
    Map<Path, Loaded> seen = new LinkedHashMap<>();
    loader.setFileListener(new ConfigLoader.FileListener() {
      @Override
      public void loaded(Path f, List<Path> bases, Map<Path, String> scopes, ConfigDict own, ConfigDict merged) {
        seen.putIfAbsent(f, new Loaded(bases, Map.copyOf(scopes), own, merged.deepCopy(), null));
      }

      @Override
      public void loadedLazy(Path f, List<ConfigLoader.LazyBase> imports, ConfigDict variables) {
        List<Path> bases = imports.stream().map(ConfigLoader.LazyBase::file).distinct().toList();
        seen.putIfAbsent(f, new Loaded(bases, Map.of(), variables, variables, List.copyOf(imports)));
      }
    });
    ConfigDict dict = loader.load(path, List.of(), null);
    for (Map.Entry<Path, Loaded> e : seen.entrySet()) {
      name(e.getKey()); // fails early for a base outside the root
      Loaded before = files.putIfAbsent(e.getKey(), e.getValue());
      if (before != null && (before.imports() == null) != (e.getValue().imports() == null)
          && !before.merged().equals(e.getValue().merged())) {
        // one class per file: a file imported by read_base() that gives other values than when it
        // is a _base_ (text substitutions, imported names) cannot be both
        throw new ConfigLoadException(new io.posekit.spi.SourceLocation(e.getKey().toString(), 0),
            "config-gen: this file is used both as a _base_ and through `with read_base():`, and the two"
                + " give different values; config-gen writes one class per file");
      }
    }
    Config config = Config.of(dict);
    configs.put(path, config);
    return config;
  }

  /** The config root-relative name of {@code file}, with {@code /}. */
  public String name(Path file) {
    Path p = file.toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException(p + " is not below the config root " + root
          + "; give the directory that holds it and its bases as the root");
    }
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** Every file loaded so far, bases before the files that use them. */
  public List<ConfigLayer> layers() {
    List<ConfigLayer> out = new ArrayList<>();
    for (Map.Entry<Path, Loaded> e : files.entrySet()) {
      Loaded loaded = e.getValue();
      Map<String, String> scopes = new LinkedHashMap<>();
      loaded.baseScopes().forEach((base, scope) -> scopes.put(name(base), scope));
      List<ConfigLayer.LazyImport> imports = loaded.imports() == null ? null : loaded.imports().stream()
          .map(i -> new ConfigLayer.LazyImport(name(i.file()), i.name(), i.alias(), i.line()))
          .toList();
      out.add(new ConfigLayer(name(e.getKey()), loaded.bases().stream().map(this::name).toList(), loaded.own(),
          loaded.merged(), scopes, imports));
    }
    return out;
  }
}
