package io.posekit.configs;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.runtime.config.CanonicalJson;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.TypedConfigTranslator;
import java.nio.file.Path;

/** Typed config trees as plain values, and the canonical JSON of shared/parity/README.md. */
final class PlainTrees {
  static final Path CONFIGS = Path.of(System.getProperty("posekit.configs.dir", ".")).toAbsolutePath().normalize();

  private PlainTrees() {}

  /** A loaded config read as typed configs, back to plain values (defaults filled in by toMap). */
  static Object loadedTyped(String config) {
    Config loaded = Config.fromFile(CONFIGS.resolve(config));
    return plain(new TypedConfigTranslator(Registry.load()).translate(loaded).root());
  }

  static Object plain(Object value) {
    return TypedConfig.plain(value);
  }

  /** The canonical JSON form of shared/parity (floats by Python repr, tuples marked, dicts sorted). */
  static JsonNode canonical(Object v) {
    return CanonicalJson.of(v);
  }
}
