package io.posekit.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.posekit.configs.body_2d_keypoint.topdown_heatmap.coco.TdHmRes50_8xb64_210eCoco_256x192;
import io.posekit.configs.java.Res50Coco256x192;
import io.posekit.tfmodels.models.backbones.ResNetConfig;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimatorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config written in Java equals its Python twin, as loaded and as config-gen wrote it. */
class Res50Coco256x192Test {
  private static final String PYTHON = "body_2d_keypoint/topdown_heatmap/coco/td-hm_res50_8xb64-210e_coco-256x192.py";

  @Test
  void javaConfigEqualsItsPythonTwin() {
    Object java = PlainTrees.plain(Res50Coco256x192.config());
    assertEquals(PlainTrees.canonical(PlainTrees.loadedTyped(PYTHON)), PlainTrees.canonical(java));
    assertEquals(PlainTrees.canonical(PlainTrees.plain(TdHmRes50_8xb64_210eCoco_256x192.config())),
        PlainTrees.canonical(java));
  }

  @Test
  void theComparisonSeesADifferentDepth() {
    Map<Object, Object> cfg = Res50Coco256x192.config();
    TopdownPoseEstimatorConfig model = (TopdownPoseEstimatorConfig) cfg.get("model");
    cfg.put("model", model.withBackbone(((ResNetConfig) model.backbone()).withDepth(101)));
    assertNotEquals(PlainTrees.canonical(PlainTrees.loadedTyped(PYTHON)), PlainTrees.canonical(PlainTrees.plain(cfg)));
  }
}
