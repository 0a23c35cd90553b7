package io.posekit.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.spi.ModuleEntry;
import io.posekit.spi.RegistryDeclaration;
import io.posekit.spi.RegistryIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter metadata of one registry index: the JSON resource the processor writes next to the
 * index ({@code META-INF/posekit/<Index>.json}), with per module its registry, name, scope,
 * aliases, classes, doc and parameters, and the registries the compilation declared.
 */
public final class IndexMetadata {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String resource;
  private final Map<String, ModuleMetadata> modules;
  private final List<RegistryDeclaration> registries;

  private IndexMetadata(
      String resource, Map<String, ModuleMetadata> modules, List<RegistryDeclaration> registries) {
    this.resource = resource;
    this.modules = modules;
    this.registries = registries;
  }

  /** Reads the metadata resource of {@code index} from the index's class loader. */
  public static IndexMetadata read(RegistryIndex index) {
    String resource = stripLeadingSlash(index.metadataResource());
    ClassLoader loader = index.getClass().getClassLoader();
    InputStream stream =
        loader == null
            ? ClassLoader.getSystemResourceAsStream(resource)
            : loader.getResourceAsStream(resource);
    if (stream == null) {
      throw new IllegalStateException(
          "registry index " + index.getClass().getName() + " names its metadata resource '"
              + resource + "' but it is not on the class path");
    }
    try (InputStream in = stream) {
      return parse(resource, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read registry metadata " + resource, e);
    }
  }

  /** Parses the JSON tree of a metadata resource ({@code resource} names it in messages). */
  static IndexMetadata parse(String resource, JsonNode root) {
    Map<String, ModuleMetadata> modules = new LinkedHashMap<>();
    for (JsonNode module : array(root, "modules", resource)) {
      ModuleMetadata metadata = module(module, resource);
      modules.put(key(metadata.registry(), metadata.scope(), metadata.name()), metadata);
    }
    List<RegistryDeclaration> registries = new ArrayList<>();
    for (JsonNode registry : optionalArray(root, "registries")) {
      registries.add(
          new RegistryDeclaration(text(registry, "name", resource), optionalText(registry, "base_type")));
    }
    return new IndexMetadata(resource, Map.copyOf(modules), List.copyOf(registries));
  }

  /** The resource this was read from. */
  public String resource() {
    return resource;
  }

  /** The metadata of {@code entry}, when the resource describes it. */
  public Optional<ModuleMetadata> module(ModuleEntry entry) {
    return Optional.ofNullable(modules.get(key(entry.registry(), entry.scope(), entry.name())));
  }

  public List<RegistryDeclaration> registries() {
    return registries;
  }

  private static ModuleMetadata module(JsonNode node, String resource) {
    List<String> aliases = new ArrayList<>();
    for (JsonNode alias : optionalArray(node, "aliases")) {
      aliases.add(alias.asText());
    }
    List<ParameterMetadata> parameters = new ArrayList<>();
    for (JsonNode param : array(node, "params", resource)) {
      parameters.add(
          new ParameterMetadata(
              text(param, "key", resource),
              optionalText(param, "java_name"),
              text(param, "type", resource),
              optionalText(param, "java_type"),
              literal(param.get("default")),
              param.path("required").asBoolean(false),
              param.path("nullable").asBoolean(false),
              param.path("provided").asBoolean(false),
              optionalText(param, "doc")));
    }
    return new ModuleMetadata(
        text(node, "registry", resource),
        text(node, "scope", resource),
        text(node, "name", resource),
        aliases,
        optionalText(node, "class"),
        optionalText(node, "config_class"),
        optionalText(node, "doc"),
        parameters);
  }

  /** A default is a Python literal written as a JSON string; a JSON null means "no default". */
  private static String literal(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, String resource) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new IllegalStateException(
          "registry metadata " + resource + ": '" + field + "' must be an array in " + node);
    }
    return value;
  }

  private static Iterable<JsonNode> optionalArray(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? List.of() : value;
  }

  private static String text(JsonNode node, String field, String resource) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException(
          "registry metadata " + resource + ": '" + field + "' must be a string in " + node);
    }
    return value.asText();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String key(String registry, String scope, String name) {
    return registry + "/" + scope + "/" + name;
  }

  private static String stripLeadingSlash(String resource) {
    return resource.startsWith("/") ? resource.substring(1) : resource;
  }
}
