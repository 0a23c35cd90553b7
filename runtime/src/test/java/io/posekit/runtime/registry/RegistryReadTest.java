package io.posekit.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.posekit.annotations.Registries;
import io.posekit.runtime.registry.fixtures.FixtureIndex;
import io.posekit.runtime.registry.fixtures.Fixtures;
import io.posekit.runtime.registry.fixtures.L1Loss;
import io.posekit.runtime.registry.fixtures.Loss;
import io.posekit.runtime.registry.fixtures.MseLoss;
import io.posekit.runtime.registry.fixtures.RandomFlip;
import io.posekit.runtime.registry.fixtures.SimpleHead;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ModuleConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryReadTest {
  private final Registry registry =
      Registry.of(new IndexSource(new FixtureIndex(), "/jars/fixtures.jar")).withDefaultScope("mmpose");

  @Test
  void buildsANestedDictThroughTheIndexes() {
    Object head =
        registry.build(
            Registries.MODELS,
            Map.of(
                "type", "HeatmapHead",
                "in_channels", 32,
                "loss", Map.of("type", "KeypointMSELoss", "use_target_weight", true)),
            BuildContext.empty());
    assertEquals(new SimpleHead(32, new MseLoss(true, 1.0)), head);
  }

  @Test
  void anAliasReadsAsTheModuleItNames() {
    ModuleConfig<? extends Loss> config = registry.readConfig(Map.of("type", "MSELoss"), Loss.class);
    assertEquals("KeypointMSELoss", config.type());
    assertEquals(registry.readConfig(Map.of("type", "KeypointMSELoss"), Loss.class), config);
    assertEquals("KeypointMSELoss", registry.get(Registries.MODELS, "MSELoss").orElseThrow().name());
  }

  @Test
  void buildsATypedConfigAndRoundTripsItsMap() {
    ModuleConfig<? extends Loss> config =
        registry.readConfig(Map.of("type", "L1Loss", "loss_weight", 0.5), Loss.class);
    assertEquals(Map.of("type", "L1Loss", "loss_weight", 0.5), config.toMap());
    assertEquals(config, registry.readConfig(config.toMap(), Loss.class));
    assertEquals(new L1Loss(0.5), registry.build(config, BuildContext.empty()));
    assertEquals(new RandomFlip(0.5), registry.build(Map.of("type", "RandomFlip"), RandomFlip.class, BuildContext.empty()));
  }

  @Test
  void anUnknownTypeNamesTheScopesSearchedAndTheClosestNames() {
    ConfigProblem problem =
        onlyProblem(() -> registry.readConfig(Map.of("type", "KeypointMSELos"), Loss.class));
    assertEquals("type", problem.path().toString());
    assertEquals("unknown Loss type 'KeypointMSELos' (searched scopes mmpose, mmengine)", problem.message());
    assertEquals("did you mean 'KeypointMSELoss'?", problem.hint());

    ConfigProblem several = onlyProblem(() -> registry.readConfig(Registries.MODELS, Map.of("type", "L2Loss")));
    assertEquals("unknown MODELS module type 'L2Loss' (searched scopes mmpose, mmengine)", several.message());
    assertEquals("did you mean 'L1Loss'?", several.hint());

    ConfigProblem nothingClose = onlyProblem(() -> registry.readConfig(Map.of("type", "Completely"), Loss.class));
    assertNull(nothingClose.hint());
  }

  @Test
  void aNameOfTheWrongKindSaysWhatItIs() {
    ConfigProblem problem =
        onlyProblem(
            () ->
                registry.readConfig(
                    Registries.MODELS,
                    Map.of("type", "HeatmapHead", "in_channels", 3, "loss", Map.of("type", "RandomFlip"))));
    assertEquals("loss.type", problem.path().toString());
    assertEquals("'RandomFlip' is a TRANSFORMS module, not a Loss", problem.message());

    ConfigProblem head = onlyProblem(() -> registry.readConfig(Map.of("type", "HeatmapHead"), Loss.class));
    assertEquals("'HeatmapHead' is a MODELS module, not a Loss", head.message());

    ConfigProblem registryKind = onlyProblem(() -> registry.readConfig(Registries.TRANSFORMS, Map.of("type", "L1Loss")));
    assertEquals("'L1Loss' is a MODELS module, not a TRANSFORMS module", registryKind.message());
  }

  @Test
  void everyProblemOfANestedConfigIsReportedAtOnce() {
    Map<String, Object> loss = new LinkedHashMap<>();
    loss.put("type", "KeypointMSELoss");
    loss.put("use_target_weigth", true);
    loss.put("loss_weight", "high");
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("type", "HeatmapHead");
    head.put("in_channels", 2.0);
    head.put("loss", loss);
    ConfigException error =
        assertThrows(ConfigException.class, () -> registry.readConfig(Registries.MODELS, head));
    List<String> found = error.problems().stream().map(ConfigProblem::format).toList();
    assertEquals(
        List.of(
            "in_channels: expected int but got float 2.0 (write 2 without the decimal point)",
            "loss.loss_weight: expected float but got str 'high'",
            "loss.use_target_weigth: unknown key 'use_target_weigth' for KeypointMSELoss (did you mean 'use_target_weight'?)"),
        found);
  }

  @Test
  void aDictWithoutAUsableTypeIsAProblem() {
    ConfigProblem missing = onlyProblem(() -> registry.readConfig(Registries.MODELS, Map.of("in_channels", 3)));
    assertEquals("<root>", missing.path().toString());
    assertEquals("missing key 'type': the dict does not say which MODELS module to build", missing.message());

    ConfigProblem notText = onlyProblem(() -> registry.readConfig(Map.of("type", 3), Loss.class));
    assertEquals("type", notText.path().toString());
    assertEquals("'type' must be a str naming a Loss, got int 3", notText.message());
  }

  @Test
  void anUnknownRegistryIsAProblemWithASuggestion() {
    ConfigProblem problem = onlyProblem(() -> registry.readConfig("MODLES", Map.of("type", "L1Loss")));
    assertEquals("unknown registry 'MODLES'", problem.message());
    assertEquals("did you mean 'MODELS'?", problem.hint());
  }

  @Test
  void aComponentResolvedInsideAnotherKeepsItsType() {
    ModuleConfig<?> head =
        registry.readConfig(
            Registries.MODELS, Map.of("type", "HeatmapHead", "in_channels", 1, "loss", Map.of("type", "L1Loss")));
    Object loss = head.toMap().get("loss");
    assertEquals(Map.of("type", "L1Loss", "loss_weight", 1.0), loss);
    assertInstanceOf(SimpleHead.class, head.build(BuildContext.empty()));
  }

  @Test
  void aNameOfSeveralRegistriesIsAmbiguousWhereAnyModuleFits() {
    Registry both =
        Registry.of(
            new IndexSource(
                FixtureIndex.of(Fixtures.KEYPOINT_MSE_LOSS, Fixtures.RANDOM_FLIP.named("KeypointMSELoss")),
                "/jars/fixtures.jar"));
    ConfigProblem problem =
        onlyProblem(() -> both.readConfig(Map.of("type", "mmpose.KeypointMSELoss"), Object.class));
    assertEquals("'mmpose.KeypointMSELoss' names modules of several registries in scope mmpose: MODELS, TRANSFORMS", problem.message());
    // through its registry, or where a Loss is needed, the name is not ambiguous
    assertEquals(MseLoss.class, both.readConfig(Registries.MODELS, Map.of("type", "mmpose.KeypointMSELoss")).moduleType());
    assertEquals(MseLoss.class, both.readConfig(Map.of("type", "mmpose.KeypointMSELoss"), Loss.class).moduleType());
  }

  private static ConfigProblem onlyProblem(Runnable read) {
    ConfigException error = assertThrows(ConfigException.class, read::run);
    assertEquals(1, error.problems().size(), error.getMessage());
    return error.problems().get(0);
  }
}
