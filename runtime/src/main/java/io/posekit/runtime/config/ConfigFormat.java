package io.posekit.runtime.config;

import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Path;
import java.util.Locale;

/** The config file formats MMEngine reads, chosen by extension. */
public enum ConfigFormat {
  PYTHON, JSON, YAML;

  public static ConfigFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".py")) {
      return PYTHON;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return YAML;
    }
    throw new ConfigLoadException(file, 0, "Only py/yml/yaml/json type are supported now!");
  }

  /** From a format name as MMEngine's fromstring takes it: "py", ".json", "yaml", "yml". */
  public static ConfigFormat named(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
    return switch (n) {
      case "py", "python" -> PYTHON;
      case "json" -> JSON;
      case "yaml", "yml" -> YAML;
      default -> throw new IllegalArgumentException("unknown config format: " + name);
    };
  }
}
