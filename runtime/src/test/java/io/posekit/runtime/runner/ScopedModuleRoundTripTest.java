package io.posekit.runtime.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.typed.TypedConfig;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backbone MMPose's configs take from another scope ({@code mmpretrain.VisionTransformer},
 * {@code mmcls.VisionTransformer}) resolves to that scope's module, and keeps its scope when the
 * typed config is written back as a dict and read again (what {@code check} does to drop
 * {@code Pretrained} weights).
 */
class ScopedModuleRoundTripTest {
  private static final Registry REGISTRY = Registry.load();

  private static ConfigDict model(String backboneType) {
    ConfigDict backbone = ConfigDict.of("type", backboneType, "arch",
        Map.of("embed_dims", 16, "num_layers", 1, "num_heads", 2, "feedforward_channels", 8),
        "img_size", 32, "patch_size", 8, "with_cls_token", false, "out_type", "featmap");
    if (backboneType.startsWith("mmcls.")) {
      backbone = ConfigDict.of("type", backboneType, "arch",
          Map.of("embed_dims", 16, "num_layers", 1, "num_heads", 2, "feedforward_channels", 8),
          "img_size", 32, "patch_size", 8, "with_cls_token", false, "output_cls_token", false);
    }
    return ConfigDict.of("type", "TopdownPoseEstimator", "backbone", backbone,
        "head", ConfigDict.of("type", "HeatmapHead", "in_channels", 16, "out_channels", 3, "deconv_out_channels",
            java.util.List.of()));
  }

  private static void roundTrip(String backboneType, Class<?> expected) {
    TypedConfig typed = new TypedConfigTranslator(REGISTRY).translate(
        Config.of(Map.of("default_scope", "mmpose", "model", model(backboneType))));
    ModuleConfig<?> modelCfg = (ModuleConfig<?>) typed.get("model");
    assertEquals(expected, ((TopdownPoseEstimator) modelCfg.build(BuildContext.empty())).backbone().getClass());

    Map<?, ?> plain = (Map<?, ?>) TypedConfig.plain(modelCfg, "mmpose");
    assertEquals(backboneType, ((Map<?, ?>) plain.get("backbone")).get("type"));
    assertEquals("TopdownPoseEstimator", plain.get("type"));
    Object again = REGISTRY.withDefaultScope("mmpose").readConfig("MODELS", plain).build(BuildContext.empty());
    assertEquals(expected, ((TopdownPoseEstimator) again).backbone().getClass());
  }

  @Test
  void mmpretrainBackboneKeepsItsScope() {
    roundTrip("mmpretrain.VisionTransformer", io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer.class);
  }

  @Test
  void mmclsBackboneKeepsItsScope() {
    roundTrip("mmcls.VisionTransformer", io.posekit.tfmodels.models.backbones.mmcls.VisionTransformer.class);
  }
}
