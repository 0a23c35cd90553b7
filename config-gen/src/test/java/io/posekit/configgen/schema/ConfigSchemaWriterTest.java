package io.posekit.configgen.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode metadata() throws Exception {
    return JSON.readTree("""
        {"index": "x.Index", "modules": [
          {"registry": "MODELS", "name": "KeypointMSELoss", "scope": "mmpose", "aliases": [],
           "doc": "MSE loss of heatmaps. Weighted per keypoint.",
           "params": [
             {"key": "use_target_weight", "type": "bool", "default": "False", "required": false, "nullable": false,
              "provided": false, "doc": "Whether to weight by {@code target_weight}. More text."},
             {"key": "loss_weight", "type": "float", "default": "1.0", "required": false, "nullable": false,
              "provided": false, "doc": ""},
             {"key": "context", "type": "Foo", "default": null, "required": true, "nullable": false,
              "provided": true, "doc": ""}]},
          {"registry": "MODELS", "name": "HeatmapHead", "scope": "mmpose", "aliases": [], "doc": "",
           "params": [
             {"key": "in_channels", "type": "int", "default": null, "required": true, "nullable": false,
              "provided": false, "doc": ""},
             {"key": "deconv_out_channels", "type": "tuple[int, ...] | None", "default": "(256, 256, 256)",
              "required": false, "nullable": true, "provided": false, "doc": ""},
             {"key": "loss", "type": "Loss", "default": null, "required": true, "nullable": false,
              "provided": false, "doc": ""}]}],
         "registries": []}
        """);
  }

  @Test
  void modulesAreSortedTypedAndDocumented() throws Exception {
    JsonNode schema = ConfigSchemaWriter.schema(List.of(metadata()));
    JsonNode defs = schema.get("definitions");
    assertEquals("[{\"$ref\":\"#/definitions/mmpose.MODELS.HeatmapHead\"},{\"$ref\":\"#/definitions/mmpose.MODELS.KeypointMSELoss\"}]",
        defs.get("module").get("anyOf").toString());
    JsonNode loss = defs.get("mmpose.MODELS.KeypointMSELoss");
    assertEquals("MSE loss of heatmaps. (MODELS, scope mmpose)", loss.get("description").asText());
    assertEquals("[\"KeypointMSELoss\",\"mmpose.KeypointMSELoss\"]", loss.get("properties").get("type").get("enum").toString());
    assertEquals("{\"type\":\"boolean\",\"default\":false,\"description\":\"Whether to weight by target_weight.\"}",
        loss.get("properties").get("use_target_weight").toString());
    assertEquals("{\"type\":\"number\",\"default\":1.0}", loss.get("properties").get("loss_weight").toString());
    assertEquals(null, loss.get("properties").get("context"), "provided values are not config keys");
    assertEquals(false, loss.get("additionalProperties").asBoolean());
    JsonNode head = defs.get("mmpose.MODELS.HeatmapHead");
    assertEquals("[\"type\",\"in_channels\",\"loss\"]", head.get("required").toString());
    assertEquals("{\"anyOf\":[{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},{\"type\":\"null\"}],"
        + "\"description\":\"Default: (256, 256, 256)\"}", head.get("properties").get("deconv_out_channels").toString());
    assertEquals("{\"$ref\":\"#/definitions/value\"}", head.get("properties").get("loss").toString());
  }

  @Test
  void moduleDataKeysTakeAnyValueAtTheRootAndInPlainDicts() throws Exception {
    JsonNode schema = ConfigSchemaWriter.schema(List.of(metadata()));
    assertEquals("{\"$ref\":\"#/definitions/moduleData\"}", schema.get("properties").get("init_cfg").toString());
    JsonNode plainDict = schema.get("definitions").get("value").get("else").get("anyOf").get(0);
    assertEquals("{\"$ref\":\"#/definitions/moduleData\"}", plainDict.get("properties").get("norm_cfg").toString());
    assertEquals(null, schema.get("definitions").get("moduleData").get("type"), "no constraint");
  }

  @Test
  void sameMetadataGivesTheSameText() throws Exception {
    assertEquals(ConfigSchemaWriter.write(List.of(metadata())), ConfigSchemaWriter.write(List.of(metadata())));
  }
}
