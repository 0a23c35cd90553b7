package io.posekit.tfmodels.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.backbones.ResNetConfig;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code init_cfg} initialisers applied at graph build, to the layers they name, under their module. */
class InitCfgGraphTest {
  private static double std(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f * f;
    }
    return Math.sqrt(s / v.length);
  }

  @Test
  void initCfgTranslatesFromAnMmposeConfigDict() {
    // backbone=dict(type='ResNet', depth=18, init_cfg=dict(type='Pretrained', checkpoint=..., prefix='backbone.'))
    ResNetConfig cfg = ResNetConfig.fromMap(Map.of("depth", 18,
        "init_cfg", Map.of("type", "Pretrained", "checkpoint", "https://example.org/r18.pth", "prefix", "backbone.")));
    ResNet resnet = (ResNet) cfg.build(BuildContext.empty());
    assertEquals(1, resnet.initCfg().size());
    assertEquals("backbone.", resnet.initCfg().get(0).prefix());
    assertEquals("https://example.org/r18.pth", resnet.initCfg().get(0).checkpoint());
  }

  @Test
  void estimatorInitCfgRedrawsOnlyTheNamedLayers() {
    // the estimator's init_cfg: N(0, 0.5) for ConvTranspose2d, constant 0.3 / bias 0.1 for BatchNorm2d
    Object initCfg = List.of(
        Map.of("type", "Normal", "layer", "ConvTranspose2d", "std", 0.5),
        Map.of("type", "Constant", "layer", List.of("_BatchNorm"), "val", 0.3, "bias", 0.1));
    try (TopdownGraph g = PthFixtureTest.resnetModel(null, initCfg).buildGraph(1, 64, 64, null, 0)) {
      StateDict sd = g.stateDict();
      assertEquals(0.5, std(sd.get("head.deconv_layers.3.weight").values()), 0.02);
      assertEquals(0.3f, sd.get("backbone.layer2.1.bn2.weight").values()[3]);
      assertEquals(0.1f, sd.get("head.deconv_layers.1.bias").values()[0]);
      // running statistics are buffers, not weights: untouched
      assertEquals(1f, sd.get("head.deconv_layers.1.running_var").values()[0]);
      // Conv2d not named: the final layer keeps HeatmapHead's default N(0, 0.001)
      assertTrue(std(sd.get("head.final_layer.weight").values()) < 0.01);
    }
  }
}
