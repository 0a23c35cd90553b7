package io.posekit.runtime.registry;

import static io.posekit.runtime.registry.fixtures.Fixtures.HEATMAP_HEAD;
import static io.posekit.runtime.registry.fixtures.Fixtures.KEYPOINT_MSE_LOSS;
import static io.posekit.runtime.registry.fixtures.Fixtures.L1_LOSS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.annotations.Registries;
import io.posekit.runtime.registry.fixtures.FixtureIndex;
import io.posekit.runtime.registry.fixtures.Loss;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ModuleEntry;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryScopesTest {
  // KeypointMSELoss in mmpose and, with another alias, in mmengine: which one a lookup finds shows the scope order
  private final Registry registry =
      Registry.of(
          new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS, HEATMAP_HEAD), "/jars/mmpose.jar"),
          new IndexSource(
              FixtureIndex.of(L1_LOSS, KEYPOINT_MSE_LOSS.inScope("mmengine").named("KeypointMSELoss", "RootMSE")),
              "/jars/mmengine.jar"));

  @Test
  void theRootScopeIsTheDefaultAndSeesOnlyItself() {
    assertEquals(Registries.ROOT_SCOPE, registry.defaultScope());
    assertEquals("mmengine", registry.get(Registries.MODELS, "KeypointMSELoss").orElseThrow().scope());
    assertFalse(registry.contains(Registries.MODELS, "HeatmapHead"));
  }

  @Test
  void theDefaultScopeIsSearchedFirst() {
    Registry mmpose = registry.withDefaultScope("mmpose");
    assertEquals("mmpose", mmpose.defaultScope());
    assertEquals("mmpose", mmpose.get(Registries.MODELS, "KeypointMSELoss").orElseThrow().scope());
    assertTrue(mmpose.contains(Registries.MODELS, "HeatmapHead"));
  }

  @Test
  void aNameMissingFromTheDefaultScopeIsFoundInItsParent() {
    ModuleEntry l1 = registry.withDefaultScope("mmpose").get(Registries.MODELS, "L1Loss").orElseThrow();
    assertEquals("mmengine", l1.scope());
    assertEquals(
        "mmengine",
        registry.withDefaultScope("mmpose").readConfig(Map.of("type", "L1Loss"), Loss.class).scope());
  }

  @Test
  void anExplicitScopeIsSearchedInsteadOfTheDefault() {
    Registry mmpose = registry.withDefaultScope("mmpose");
    assertEquals("mmengine", mmpose.get(Registries.MODELS, "mmengine.KeypointMSELoss").orElseThrow().scope());
    assertEquals("mmpose", registry.get(Registries.MODELS, "mmpose.KeypointMSELoss").orElseThrow().scope());
    // from an explicit scope the parent is still searched
    assertEquals("mmengine", registry.get(Registries.MODELS, "mmpose.L1Loss").orElseThrow().scope());
    assertEquals(
        "mmengine",
        registry.readConfig(Map.of("type", "mmengine.KeypointMSELoss"), Loss.class).scope());
  }

  @Test
  void aScopeWithoutModulesHasNoJavaImplementation() {
    assertTrue(registry.get(Registries.TRANSFORMS, "mmdet.YOLOXHSVRandomAug").isEmpty());
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> registry.readConfig(Registries.TRANSFORMS, Map.of("type", "mmdet.YOLOXHSVRandomAug")));
    ConfigProblem problem = error.problems().get(0);
    assertEquals(1, error.problems().size());
    assertEquals("type", problem.path().toString());
    assertTrue(problem.message().startsWith("scope 'mmdet' has no Java implementation"), problem.message());
    assertTrue(problem.message().contains("'mmdet.YOLOXHSVRandomAug' cannot be built"), problem.message());
    assertEquals("scopes with Java modules: mmengine, mmpose", problem.hint());

    IllegalArgumentException unknownDefault =
        assertThrows(IllegalArgumentException.class, () -> registry.withDefaultScope("mmpse"));
    assertTrue(unknownDefault.getMessage().contains("scope 'mmpse' has no Java implementation"));
    assertTrue(unknownDefault.getMessage().contains("did you mean 'mmpose'?"), unknownDefault.getMessage());
  }

  @Test
  void listsScopesAndRegistries() {
    assertEquals(Set.of("mmengine", "mmpose"), registry.scopes());
    assertEquals(java.util.List.of(Registries.MODELS), registry.registryNames());
    assertEquals(
        java.util.List.of("HeatmapHead/mmpose", "KeypointMSELoss/mmengine", "KeypointMSELoss/mmpose", "L1Loss/mmengine"),
        registry.modules(Registries.MODELS).stream()
            .map(m -> m.entry().name() + "/" + m.entry().scope())
            .toList());
  }
}
