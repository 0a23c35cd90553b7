package io.posekit.runtime.runner;

import io.posekit.configgen.ConfigGenException;
import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.config.ConfigLayers;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * config-gen over loaded configs: loads each config with its {@code _base_} chain, generates one
 * class per file and writes them. What the {@code config-gen} command and the Maven plugin run.
 */
public final class ConfigCodegen {
  private ConfigCodegen() {}

  /**
   * Generates the classes of {@code configs} and of every base they use.
   *
   * @param root the config root (class names and comments are relative to it)
   * @throws io.posekit.spi.ConfigException for a config that does not load (file, line)
   * @throws ConfigGenException for a typed dict that does not read (file, line, key path)
   */
  public static ConfigSourceGenerator.Result generate(Path root, List<Path> configs, String basePackage,
      boolean lenient, Registry registry) {
    return generate(root, configs, basePackage, lenient, registry, Map.of());
  }

  /**
   * As {@link #generate(Path, List, String, boolean, Registry)}, with the roots of scoped bases
   * ({@code mmpose::x.py}, {@code from mmpose.configs.x import *}); they must lie below {@code root}.
   */
  public static ConfigSourceGenerator.Result generate(Path root, List<Path> configs, String basePackage,
      boolean lenient, Registry registry, Map<String, Path> scopeRoots) {
    ConfigLayers layers = new ConfigLayers(root, LoadOptions.defaults().withScopeRoots(scopeRoots));
    for (Path config : configs) {
      layers.load(config);
    }
    ConfigSourceGenerator generator = new ConfigSourceGenerator(new RegistryTypedDictReader(registry),
        new ConfigSourceGenerator.Options(basePackage, layers.root(), lenient));
    return generator.generate(layers.layers());
  }

  /** Writes {@code sources} below {@code outDir}; a file with the same bytes is left untouched. */
  public static void write(Map<String, String> sources, Path outDir) {
    try {
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path file = outDir.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
          Files.write(file, bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated sources to " + outDir, e);
    }
  }

  /** Every .py, .json, .yaml and .yml file below {@code dir}, sorted, skipping {@code skipDirs} names. */
  public static List<Path> findConfigs(Path dir, List<String> skipDirs) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile)
          .filter(p -> {
            Path rel = dir.relativize(p);
            for (Path part : rel) {
              if (skipDirs.contains(part.toString())) {
                return false;
              }
            }
            String name = p.getFileName().toString();
            return name.endsWith(".py") || name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
          })
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list configs below " + dir, e);
    }
    return out;
  }
}
