package io.posekit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.configgen.schema.ConfigSchemaWriter;
import io.posekit.runtime.registry.IndexSource;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.RegistryIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON Schema of every module of a registry, for editors (see README, "Editor help for configs"). */
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
    return ConfigSchemaWriter.write(metadata);
  }
}
