package io.posekit.configgen.schema;

import io.posekit.configgen.ModuleDataKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON Schema (draft-07) of every registered module, from the registry metadata the processor
 * writes ({@code META-INF/posekit/*.json}), so that editors complete and check YAML and JSON
 * configs: a dict with a {@code type} must be one of the modules (its {@code type} a constant
 * that picks it), with their parameters only, typed, with defaults and the first sentence of their
 * documentation; every other value may hold such dicts anywhere.
 */
public final class ConfigSchemaWriter {
  private static final String MODULE_DATA = "moduleData";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern LIST = Pattern.compile("^(list|tuple)\\[(.*?)(, \\.\\.\\.)?\\]$");
  private static final Pattern DICT = Pattern.compile("^dict\\[str, (.*)\\]$");

  private ConfigSchemaWriter() {}

  /** The schema as pretty JSON text, modules sorted by scope, registry and name (same input, same bytes). */
  public static String write(List<JsonNode> metadata) {
    return write(metadata, F.arrayNode());
  }

  /**
   * As {@link #write(List)}, with the runner's top-level keys: {@code runnerKeys} is a list of
   * {@code {name, description, fields?}}, {@code fields} (for a dict the runner reads key by key)
   * mapping each key to its type text ({@code int}, {@code int | None}) or null for a module dict.
   */
  public static String write(List<JsonNode> metadata, JsonNode runnerKeys) {
    try {
      return JSON.writeValueAsString(schema(metadata, runnerKeys)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ObjectNode schema(List<JsonNode> metadata) {
    return schema(metadata, F.arrayNode());
  }

  public static ObjectNode schema(List<JsonNode> metadata, JsonNode runnerKeys) {
    List<JsonNode> modules = new ArrayList<>();
    for (JsonNode index : metadata) {
      index.path("modules").forEach(modules::add);
    }
    modules.sort(Comparator.comparing((JsonNode m) -> m.path("scope").asText())
        .thenComparing(m -> m.path("registry").asText())
        .thenComparing(m -> m.path("name").asText()));

    ObjectNode root = F.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$id", "https://posekit.io/schemas/config.schema.json");
    root.put("title", "PoseKit config");
    root.put("description", "A PoseKit (MMPose-style) config: any dict with a 'type' names a registered module.");
    root.put("type", "object");
    ObjectNode rootProperties = root.putObject("properties");
    ObjectNode base = rootProperties.putObject("_base_");
    base.put("description", "The config files this one inherits, relative to it.");
    ArrayNode baseForms = base.putArray("anyOf");
    baseForms.addObject().put("type", "string");
    baseForms.addObject().put("type", "array").putObject("items").put("type", "string");
    rootProperties.putObject("default_scope").put("type", "string")
        .put("description", "The scope type names are looked up in first (mmpose).");
    root.putObject("additionalProperties").put("$ref", "#/definitions/value");
    runnerKeys.forEach(key -> rootProperties.set(key.path("name").asText(), runnerKeySchema(key)));

    ObjectNode definitions = root.putObject("definitions");
    definitions.putObject(MODULE_DATA).put("description",
        "Read by the module that holds it, never built from the config: any value, even a dict with 'type'.");
    moduleDataProperties(rootProperties);
    ObjectNode value = definitions.putObject("value");
    value.put("description", "A config value: a module dict (with 'type'), a plain dict, a list or a scalar.");
    value.putObject("if").put("type", "object").putArray("required").add("type");
    value.putObject("then").put("$ref", "#/definitions/module");
    ArrayNode plain = value.putObject("else").putArray("anyOf");
    ObjectNode plainDict = plain.addObject().put("type", "object");
    moduleDataProperties(plainDict.putObject("properties"));
    plainDict.putObject("additionalProperties").put("$ref", "#/definitions/value");
    plain.addObject().put("type", "array").putObject("items").put("$ref", "#/definitions/value");
    ArrayNode scalars = plain.addObject().putArray("type");
    scalars.add("string").add("number").add("boolean").add("null");

    ObjectNode module = definitions.putObject("module");
    module.put("description", "A registered module: 'type' picks which.");
    ArrayNode choices = module.putArray("anyOf");
    for (JsonNode m : modules) {
      String id = m.path("scope").asText() + "." + m.path("registry").asText() + "." + m.path("name").asText();
      choices.addObject().put("$ref", "#/definitions/" + id);
      definitions.set(id, moduleSchema(m));
    }
    return root;
  }

  private static ObjectNode moduleSchema(JsonNode m) {
    ObjectNode schema = F.objectNode();
    schema.put("type", "object");
    String doc = firstSentence(m.path("doc").asText(""));
    schema.put("description", (doc.isEmpty() ? "" : doc + " ") + "(" + m.path("registry").asText() + ", scope "
        + m.path("scope").asText() + ")");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode names = F.arrayNode();
    names.add(m.path("name").asText());
    names.add(m.path("scope").asText() + "." + m.path("name").asText());
    m.path("aliases").forEach(a -> names.add(a.asText()));
    properties.putObject("type").set("enum", names);
    properties.putObject("_scope_").put("type", "string");
    properties.putObject("_delete_").put("type", "boolean");
    ArrayNode required = schema.putArray("required");
    required.add("type");
    for (JsonNode p : m.path("params")) {
      if (p.path("provided").asBoolean(false)) {
        continue;
      }
      String key = p.path("key").asText();
      ObjectNode param = parameterSchema(p.path("type").asText(), p.path("nullable").asBoolean(false));
      String pdoc = firstSentence(p.path("doc").asText(""));
      String literal = p.path("default").isNull() || p.path("default").isMissingNode() ? null : p.path("default").asText();
      JsonNode defaultValue = literal == null ? null : PythonLiteral.toJson(literal);
      if (defaultValue != null) {
        param.set("default", defaultValue);
      }
      String description = pdoc + (literal != null && defaultValue == null ? (pdoc.isEmpty() ? "" : " ") + "Default: " + literal : "");
      if (!description.isEmpty()) {
        param.put("description", description);
      }
      properties.set(key, param);
      if (p.path("required").asBoolean(false)) {
        required.add(key);
      }
    }
    runnerKeys(m.path("registry").asText(), properties);
    schema.put("additionalProperties", false);
    return schema;
  }

  /** A top-level key the runner reads: any config value, or for a dict it reads key by key, those keys only (or None). */
  private static ObjectNode runnerKeySchema(JsonNode key) {
    ObjectNode schema = F.objectNode();
    schema.put("description", key.path("description").asText());
    JsonNode fields = key.path("fields");
    if (!fields.isObject()) {
      schema.put("$ref", "#/definitions/value");
      return schema;
    }
    ObjectNode dict = schema.putArray("anyOf").addObject().put("type", "object");
    ObjectNode properties = dict.putObject("properties");
    properties.putObject("_delete_").put("type", "boolean");
    fields.fields().forEachRemaining(f -> properties.set(f.getKey(),
        f.getValue().isNull() ? F.objectNode().put("$ref", "#/definitions/value") : parameterSchema(f.getValue().asText(), false)));
    dict.put("additionalProperties", false);
    ((ArrayNode) schema.get("anyOf")).addObject().put("type", "null");
    return schema;
  }

  private static void moduleDataProperties(ObjectNode properties) {
    for (String key : ModuleDataKeys.KEYS) {
      properties.putObject(key).put("$ref", "#/definitions/" + MODULE_DATA);
    }
  }

  /**
   * Keys MMEngine's runner pops from a module dict before building it (the runtime's {@code HookCfg}
   * and {@code OptimWrapperCfg}): a hook's {@code priority}, an optimizer wrapper's
   * {@code constructor} and {@code paramwise_cfg}.
   */
  private static void runnerKeys(String registry, ObjectNode properties) {
    if ("HOOKS".equals(registry)) {
      ObjectNode priority = properties.putObject("priority");
      priority.put("description", "Taken by the runner when it registers the hook: a priority name or 0 to 100.");
      ArrayNode forms = priority.putArray("anyOf");
      forms.addObject().put("type", "integer").put("minimum", 0).put("maximum", 100);
      forms.addObject().put("type", "string");
    } else if ("OPTIM_WRAPPERS".equals(registry)) {
      properties.putObject("constructor").put("type", "string")
          .put("description", "The optimizer-wrapper constructor (default DefaultOptimWrapperConstructor).");
      properties.putObject("paramwise_cfg").put("type", "object")
          .put("description", "Read by the optimizer-wrapper constructor: lr and decay multipliers per parameter.");
    }
  }

  /** The schema of a parameter from the processor's Python-ish type text ({@code list[int]}, {@code Loss | None}). */
  static ObjectNode parameterSchema(String type, boolean nullable) {
    ObjectNode schema;
    String t = type.trim();
    if (t.endsWith(" | None")) {
      return parameterSchema(t.substring(0, t.length() - " | None".length()), true);
    }
    Matcher list = LIST.matcher(t);
    Matcher dict = DICT.matcher(t);
    if (list.matches()) {
      schema = F.objectNode().put("type", "array");
      schema.set("items", parameterSchema(list.group(2), false));
    } else if (dict.matches()) {
      schema = F.objectNode().put("type", "object");
      schema.set("additionalProperties", parameterSchema(dict.group(1), false));
    } else {
      schema = switch (t.toLowerCase(Locale.ROOT)) {
        case "bool" -> F.objectNode().put("type", "boolean");
        case "int", "long" -> F.objectNode().put("type", "integer");
        case "float", "double" -> F.objectNode().put("type", "number");
        case "str" -> F.objectNode().put("type", "string");
        case "object", "any" -> F.objectNode();
        default -> t.startsWith("str (") ? F.objectNode().put("type", "string")
            // a component (any module of that kind) or a config record: a dict checked by the module rule
            : F.objectNode().put("$ref", "#/definitions/value");
      };
    }
    if (nullable) {
      ObjectNode either = F.objectNode();
      either.putArray("anyOf").add(schema).addObject().put("type", "null");
      return either;
    }
    return schema;
  }

  /** Up to the first period followed by a space or the end, javadoc tags and markup dropped. */
  static String firstSentence(String doc) {
    String text = doc.replaceAll("\\{@\\w+\\s+([^}]*)}", "$1").replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim();
    int tag = text.indexOf(" @");
    if (tag >= 0) {
      text = text.substring(0, tag);
    }
    Matcher end = Pattern.compile("\\.(\\s|$)").matcher(text);
    return end.find() ? text.substring(0, end.start() + 1) : text;
  }
}
