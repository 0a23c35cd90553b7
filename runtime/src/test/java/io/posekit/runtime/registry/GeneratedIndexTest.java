package io.posekit.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.annotations.Registries;
import io.posekit.runtime.testmodels.Compose;
import io.posekit.runtime.testmodels.ComposeConfig;
import io.posekit.runtime.testmodels.GenerateTarget;
import io.posekit.runtime.testmodels.GenerateTargetConfig;
import io.posekit.runtime.testmodels.HeatmapHead;
import io.posekit.runtime.testmodels.HeatmapHeadConfig;
import io.posekit.runtime.testmodels.KeypointMSELoss;
import io.posekit.runtime.testmodels.KeypointMSELossConfig;
import io.posekit.runtime.testmodels.MSRAHeatmap;
import io.posekit.runtime.testmodels.MSRAHeatmapConfig;
import io.posekit.runtime.testmodels.RandomFlip;
import io.posekit.runtime.testmodels.RandomFlipConfig;
import io.posekit.runtime.testmodels.TopdownAffine;
import io.posekit.runtime.testmodels.TopdownAffineConfig;
import io.posekit.runtime.testmodels.Transform;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry on modules registered with {@code @RegisterModule} and compiled with the processor
 * (src/test/java/io/posekit/runtime/testmodels): dicts written the way an MMPose config writes
 * them, and the generated builders, must give the same configs and modules.
 */
class GeneratedIndexTest {
  private final Registry registry = Registry.load().withDefaultScope("posekit_test");

  /** {@code dict(type='HeatmapHead', ..., decoder=dict(type='MSRAHeatmap', input_size=(192, 256), ...))}. */
  private static Map<String, Object> headDict() {
    return Map.of(
        "type", "HeatmapHead",
        "in_channels", 32,
        "out_channels", 17,
        "loss", Map.of("type", "KeypointMSELoss", "use_target_weight", true),
        "decoder", codecDict());
  }

  private static Map<String, Object> codecDict() {
    return Map.of(
        "type", "MSRAHeatmap", "input_size", Tuple.of(192, 256), "heatmap_size", Tuple.of(48, 64), "sigma", 2);
  }

  private static HeatmapHeadConfig headFromBuilders() {
    return HeatmapHeadConfig.builder()
        .inChannels(32)
        .outChannels(17)
        .loss(KeypointMSELossConfig.builder().useTargetWeight(true).build())
        .decoder(codecFromBuilder())
        .build();
  }

  private static MSRAHeatmapConfig codecFromBuilder() {
    return MSRAHeatmapConfig.builder().inputSize(192, 256).heatmapSize(48, 64).sigma(2.0).build();
  }

  @Test
  void serviceLoaderFindsTheGeneratedIndexInTheTestClasses() {
    IndexSource generated =
        registry.sources().stream()
            .filter(source -> source.index().getClass().getName().startsWith("io.posekit.generated.index.Index_io_posekit_runtime_testmodels"))
            .findFirst()
            .orElseThrow();
    Path classes = Path.of(generated.origin());
    assertTrue(Files.isDirectory(classes.resolve("io/posekit/runtime/testmodels")), classes.toString());
    assertEquals(
        List.of("HeatmapHead", "KeypointMSELoss", "TopdownPoseEstimator"),
        registry.modules(Registries.MODELS).stream()
            .filter(m -> m.entry().scope().equals("posekit_test")) // tf-models' real models are on the class path too
            .map(m -> m.entry().name()).toList());
  }

  @Test
  void aNestedDictAndTheBuildersGiveEqualConfigs() {
    ModuleConfig<?> read = registry.readConfig(Registries.MODELS, headDict());
    HeatmapHeadConfig built = headFromBuilders();
    assertEquals(built, read);
    assertEquals(built.hashCode(), read.hashCode());
    assertEquals(built, registry.readConfig(headDict(), HeatmapHead.class));
  }

  @Test
  void aNestedDictAndTheBuildersGiveEqualModules() {
    HeatmapHead fromDict = (HeatmapHead) registry.build(Registries.MODELS, headDict(), BuildContext.empty());
    HeatmapHead fromBuilders = registry.build(headFromBuilders(), BuildContext.empty());
    assertNotSame(fromDict, fromBuilders);
    for (HeatmapHead head : List.of(fromDict, fromBuilders)) {
      assertEquals(32, head.inChannels());
      assertEquals(17, head.outChannels());
      assertArrayEquals(new int[] {256, 256, 256}, head.deconvOutChannels());
      assertArrayEquals(new int[] {4, 4, 4}, head.deconvKernelSizes());
      KeypointMSELoss loss = assertInstanceOf(KeypointMSELoss.class, head.loss());
      assertTrue(loss.useTargetWeight());
      assertEquals(1.0, loss.lossWeight());
      MSRAHeatmap codec = assertInstanceOf(MSRAHeatmap.class, head.decoder().orElseThrow());
      assertArrayEquals(new int[] {192, 256}, codec.inputSize());
      assertArrayEquals(new int[] {48, 64}, codec.heatmapSize());
      assertEquals(2.0, codec.sigma());
      assertEquals(false, codec.unbiased());
    }
  }

  @Test
  void toMapRoundTripsThroughTheRegistry() {
    HeatmapHeadConfig built = headFromBuilders();
    Map<String, Object> map = built.toMap();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("type", "HeatmapHead");
    expected.put("in_channels", 32);
    expected.put("out_channels", 17);
    expected.put("deconv_out_channels", Tuple.of(256, 256, 256));
    expected.put("deconv_kernel_sizes", Tuple.of(4, 4, 4));
    expected.put("loss", Map.of("type", "KeypointMSELoss", "use_target_weight", true, "loss_weight", 1.0));
    expected.put(
        "decoder",
        Map.of(
            "type", "MSRAHeatmap", "input_size", Tuple.of(192, 256), "heatmap_size", Tuple.of(48, 64),
            "sigma", 2.0, "unbiased", false));
    assertEquals(expected, map);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(map.keySet()));
    assertEquals(built, registry.readConfig(Registries.MODELS, map));
  }

  @Test
  void aPipelineOfTransformsFromTheParentScopeDown() {
    Map<String, Object> pipeline =
        Map.of(
            "type", "Compose", // registered in mmengine, found from posekit_test through the parent scope
            "transforms",
            List.of(
                Map.of("type", "TopdownAffine", "input_size", Tuple.of(192, 256)),
                Map.of("type", "RandomFlip", "direction", "horizontal"),
                Map.of("type", "GenerateTarget", "encoder", codecDict())));
    ComposeConfig built =
        ComposeConfig.builder()
            .transforms(
                List.of(
                    TopdownAffineConfig.builder().inputSize(192, 256).build(),
                    RandomFlipConfig.builder().build(),
                    GenerateTargetConfig.builder().encoder(codecFromBuilder()).build()))
            .build();
    assertEquals(built, registry.readConfig(Registries.TRANSFORMS, pipeline));
    assertEquals("mmengine", registry.get(Registries.TRANSFORMS, "Compose").orElseThrow().scope());

    Compose compose = (Compose) registry.build(Registries.TRANSFORMS, pipeline, BuildContext.empty());
    List<Transform> transforms = compose.transforms();
    assertArrayEquals(new int[] {192, 256}, assertInstanceOf(TopdownAffine.class, transforms.get(0)).inputSize());
    RandomFlip flip = assertInstanceOf(RandomFlip.class, transforms.get(1));
    assertEquals(0.5, flip.prob());
    assertEquals("horizontal", flip.direction());
    assertInstanceOf(MSRAHeatmap.class, assertInstanceOf(GenerateTarget.class, transforms.get(2)).encoder());
  }

  @Test
  void misspelledKeysAndTypesDeepInTheTreeGiveKeyPathsAndSuggestions() {
    Map<String, Object> model =
        Map.of(
            "type", "TopdownPoseEstimator",
            "head",
            Map.of(
                "type", "HeatmapHead",
                "in_channels", 32,
                "out_channels", 17,
                "loss", Map.of("type", "KeypointMSELoss", "use_target_weigth", true),
                "decoder",
                Map.of("type", "MSRAHeatmp", "input_size", Tuple.of(192, 256), "heatmap_size", Tuple.of(48, 64), "sigma", 2)));
    ConfigException error = assertThrows(ConfigException.class, () -> registry.readConfig(Registries.MODELS, model));
    Map<String, String> byPath = new LinkedHashMap<>();
    for (ConfigProblem problem : error.problems()) {
      byPath.put(problem.path().toString(), problem.message() + " (" + problem.hint() + ")");
    }
    assertEquals(
        Map.of(
            "head.loss.use_target_weigth",
            "unknown key 'use_target_weigth' for KeypointMSELoss (did you mean 'use_target_weight'?)",
            "head.decoder.type",
            "unknown KeypointCodec type 'MSRAHeatmp' (searched scopes posekit_test, mmengine) (did you mean 'MSRAHeatmap'?)"),
        byPath);
  }

  @Test
  void aComponentOfTheWrongKindIsReportedWhereItIsWritten() {
    Map<String, Object> head = new LinkedHashMap<>(headDict());
    head.put("loss", Map.of("type", "RandomFlip"));
    ConfigException error = assertThrows(ConfigException.class, () -> registry.readConfig(Registries.MODELS, head));
    assertEquals(1, error.problems().size(), error.getMessage());
    assertEquals("loss.type: 'RandomFlip' is a TRANSFORMS module, not a Loss", error.problems().get(0).format().replaceFirst(" \\(.*\\)$", ""));
  }
}
