package io.posekit.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped COCO 256x192 configs hold MMPose's published values: what MMEngine loads from
 * MMPose's own files (shared/parity), key by key, for every key the model config sets. (PoseKit's
 * {@code _base_/default_runtime.py} has fewer hooks than MMPose's, so its keys are not compared.)
 */
class ShippedConfigsTest {
  /**
   * MMEngine's {@code Config.fromfile} of MMPose's five files in the canonical form of
   * shared/parity, copied from there into the test resources so the check runs on every build.
   */
  private static final Path PARITY = Path.of("src/test/resources/parity/mmengine/body_2d_keypoint/topdown_heatmap/coco");
  private static final List<String> KEYS = List.of("optim_wrapper", "param_scheduler", "auto_scale_lr", "codec",
      "model", "dataset_type", "data_mode", "data_root", "train_pipeline", "val_pipeline", "train_dataloader",
      "val_dataloader", "test_dataloader", "val_evaluator", "test_evaluator");

  @ParameterizedTest
  @ValueSource(strings = {
      "td-hm_res50_8xb64-210e_coco-256x192.py",
      "td-hm_res101_8xb64-210e_coco-256x192.py",
      "td-hm_res152_8xb32-210e_coco-256x192.py",
      "td-hm_hrnet-w32_8xb64-210e_coco-256x192.py",
      "td-hm_hrnet-w48_8xb32-210e_coco-256x192.py"})
  void holdsMmposesPublishedValues(String file) throws IOException {
    Path reference = PARITY.resolve(file + ".typed.json");
    JsonNode expected = new ObjectMapper().readTree(reference.toFile());
    Config loaded = Config.fromFile(PlainTrees.CONFIGS.resolve("body_2d_keypoint/topdown_heatmap/coco/" + file));
    JsonNode actual = PlainTrees.canonical(PlainTrees.plain(loaded.toMap()));
    for (String key : KEYS) {
      assertEquals(expected.get(key), actual.get(key), file + ": " + key);
    }
    assertEquals(expected.get("train_cfg").get("max_epochs"), actual.get("train_cfg").get("max_epochs"));
    assertEquals(expected.get("train_cfg").get("val_interval"), actual.get("train_cfg").get("val_interval"));
    assertEquals(expected.get("default_hooks").get("checkpoint"), actual.get("default_hooks").get("checkpoint"));
  }
}
