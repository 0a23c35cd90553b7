package io.posekit.runtime.config;

import io.posekit.configgen.ConfigLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads config files the way {@link Config#fromFile} does and keeps every file of their
 * {@code _base_} chains as a {@link ConfigLayer}: its own evaluated values, its bases and its merged
 * result, named relative to a config root. The input of config-gen.
 */
public final class ConfigLayers {
  private final Path root;
  private final LoadOptions options;
  private final Map<Path, Loaded> files = new LinkedHashMap<>();
  private final Map<Path, Config> configs = new LinkedHashMap<>();

  private record Loaded(List<Path> bases, ConfigDict own, ConfigDict merged) {}

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
    loader.setFileListener((f, bases, own, merged) -> seen.putIfAbsent(f, new Loaded(bases, own, merged.deepCopy())));
    ConfigDict dict = loader.load(path, List.of(), null);
    for (Map.Entry<Path, Loaded> e : seen.entrySet()) {
      name(e.getKey()); // fails early for a base outside the root
      files.putIfAbsent(e.getKey(), e.getValue());
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
      out.add(new ConfigLayer(name(e.getKey()), loaded.bases().stream().map(this::name).toList(), loaded.own(),
          loaded.merged()));
    }
    return out;
  }
}
