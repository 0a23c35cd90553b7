package io.posekit.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.ConfigFormat;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.ConfigSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema of the registered modules accepts every shipped config and catches typos. */
class ConfigSchemaTest {
  private static Schema schema;

  @BeforeAll
  static void generate() {
    String text = ConfigSchema.text(Registry.load());
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
  }

  private static String dump(String config) {
    return Config.fromFile(PlainTrees.CONFIGS.resolve(config)).dumpText(ConfigFormat.JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "_base_/default_runtime.py",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res50_8xb64-210e_coco-256x192.py",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res101_8xb64-210e_coco-256x192.py",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_res152_8xb32-210e_coco-256x192.py",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_hrnet-w32_8xb64-210e_coco-256x192.py",
      "body_2d_keypoint/topdown_heatmap/coco/td-hm_hrnet-w48_8xb32-210e_coco-256x192.py"})
  void everyShippedConfigValidates(String config) {
    assertEquals(List.of(), messages(schema.validate(dump(config), InputFormat.JSON)), config);
  }

  @Test
  void aMisspelledParameterAndAWrongValueTypeAreCaught() {
    String yaml = """
        model:
          type: TopdownPoseEstimator
          backbone: {type: ResNet, depht: 50}
          head: {type: HeatmapHead, in_channels: 2048, out_channels: 17, loss: {type: KeypointMSELoss}}
        codec: {type: MSRAHeatmap, input_size: [192, 256], heatmap_size: [48, 64], sigma: two}
        """;
    List<String> errors = messages(schema.validate(yaml, InputFormat.YAML));
    assertTrue(errors.stream().anyMatch(e -> e.contains("depht")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("sigma")), errors.toString());
  }

  @Test
  void anUnknownTypeIsCaught() {
    List<String> errors = messages(schema.validate("{\"loss\": {\"type\": \"KeypointMSELos\"}}", InputFormat.JSON));
    assertTrue(errors.stream().anyMatch(e -> e.contains("KeypointMSELos") || e.contains("/loss")), errors.toString());
  }

  @Test
  void moduleDataAndKeysTheRunnerTakesValidateAsTheTranslatorReadsThem() {
    String yaml = """
        norm_cfg: {type: SyncBN, requires_grad: true}
        model:
          type: TopdownPoseEstimator
          backbone: {type: ResNet, depth: 50, init_cfg: {type: Pretrained, checkpoint: 'torchvision://resnet50'}}
          head: {type: HeatmapHead, in_channels: 2048, out_channels: 17, loss: {type: KeypointMSELoss}}
        neck_settings: {act_cfg: {type: SiLU}}
        custom_hooks: [{type: EMAHook, momentum: 0.0002, priority: 49}]
        optim_wrapper:
          type: OptimWrapper
          optimizer: {type: Adam, lr: 0.0005}
          paramwise_cfg: {norm_decay_mult: 0, bypass_duplicate: true}
        """;
    assertEquals(List.of(), messages(schema.validate(yaml, InputFormat.YAML)));
    List<String> errors = messages(schema.validate("{\"custom_hooks\": [{\"type\": \"EMAHook\", \"priority\": 101}]}",
        InputFormat.JSON));
    assertTrue(errors.stream().anyMatch(e -> e.contains("/custom_hooks/0")), errors.toString());
  }

  /** The runner's own dicts (RunnerKeys) take only the keys the runner reads. */
  @Test
  void aMisspelledKeyOfADictTheRunnerReadsIsCaught() {
    String yaml = """
        train_dataloader: {batch_sze: 4, num_workers: 0}
        randomness: {seed: 1}
        val_dataloader: null
        """;
    List<String> errors = messages(schema.validate(yaml, InputFormat.YAML));
    // every error is about train_dataloader (anyOf dict or None reports both branches); one names the key
    assertTrue(errors.stream().allMatch(e -> e.startsWith("/train_dataloader:")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("'batch_sze'")), errors.toString());
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }
}
