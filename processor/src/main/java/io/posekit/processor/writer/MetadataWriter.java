package io.posekit.processor.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.ParamModel;
import io.posekit.processor.model.RegistryModel;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes {@code META-INF/posekit/<Index>.json}: every module with its parameters (key, type,
 * default, doc) and every declared registry, for {@code list-modules} and tools. Pretty printed,
 * in source order, so the same sources give the same bytes.
 */
public final class MetadataWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private MetadataWriter() {}

  public static void write(IndexModel index, Writer out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("index", index.name().reflectionName());
      json.writeArrayFieldStart("modules");
      for (ModuleModel module : index.modules()) {
        module(json, module);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("registries");
      for (RegistryModel registry : index.registries()) {
        json.writeStartObject();
        json.writeStringField("name", registry.name());
        json.writeStringField("base_type", registry.baseType());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void module(JsonGenerator json, ModuleModel module) throws IOException {
    json.writeStartObject();
    json.writeStringField("registry", module.registry());
    json.writeStringField("name", module.name());
    json.writeStringField("scope", module.scope());
    json.writeArrayFieldStart("aliases");
    for (String alias : module.aliases()) {
      json.writeString(alias);
    }
    json.writeEndArray();
    json.writeBooleanField("force", module.force());
    json.writeStringField("class", module.binaryName());
    json.writeStringField("config_class", module.configClass().reflectionName());
    json.writeStringField("doc", module.doc());
    json.writeArrayFieldStart("params");
    for (ParamModel param : module.params()) {
      json.writeStartObject();
      json.writeStringField("key", param.key());
      json.writeStringField("java_name", param.javaName());
      json.writeStringField("type", param.provided() ? param.javaType().toString() : param.shape().describe());
      json.writeStringField("java_type", param.javaType().toString());
      json.writeStringField("default", param.defaultLiteral());
      json.writeBooleanField("required", param.required());
      json.writeBooleanField("nullable", param.nullable() || param.isOptional());
      json.writeBooleanField("provided", param.provided());
      json.writeStringField("doc", param.doc());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
