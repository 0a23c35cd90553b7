package io.posekit.runtime.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posekit.configgen.schema.ConfigSchemaWriter;
import io.posekit.runtime.registry.IndexSource;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.RegistryIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema of every module of a registry and of the runner's top-level keys ({@link RunnerKeys}),
 * for editors (see README, "Editor help for configs").
 */
public final class ConfigSchema {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigSchema() {}

  public static String text(Registry registry) {
    List<JsonNode> metadata = new ArrayList<>();
    for (IndexSource source : registry.sources()) {
      RegistryIndex index = source.index();
      String resource = index.metadataResource().replaceFirst("^/", "");
      ClassLoader loader = index.getClass().getClassLoader();
      try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(source.describe() + ": metadata resource " + resource + " is not on the class path");
        }
        metadata.add(JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return ConfigSchemaWriter.write(metadata, runnerKeys());
  }

  /** {@link RunnerKeys} as {@link ConfigSchemaWriter} takes them. */
  private static ArrayNode runnerKeys() {
    ArrayNode keys = JSON.createArrayNode();
    for (RunnerKeys.Key key : RunnerKeys.all()) {
      ObjectNode node = keys.addObject().put("name", key.name()).put("description", key.meaning());
      if (key.kind() == RunnerKeys.Kind.SECTION) {
        ObjectNode fields = node.putObject("fields");
        key.fields().forEach((name, type) -> {
          if (type == null) {
            fields.putNull(name);
          } else {
            fields.put(name, RunnerKeys.schemaType(type));
          }
        });
      }
    }
    return keys;
  }
}
