package io.posekit.runtime.registry;

import static io.posekit.runtime.registry.fixtures.Fixtures.KEYPOINT_MSE_LOSS;
import static io.posekit.runtime.registry.fixtures.Fixtures.L1_LOSS;
import static io.posekit.runtime.registry.fixtures.Fixtures.RANDOM_FLIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.annotations.Registries;
import io.posekit.runtime.registry.fixtures.FixtureIndex;
import io.posekit.runtime.registry.fixtures.Transform;
import io.posekit.spi.RegistryDeclaration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryMergeTest {

  @Test
  void aNameRegisteredByTwoJarsIsAnErrorNamingBoth() {
    RegistryConflictException error =
        assertThrows(
            RegistryConflictException.class,
            () ->
                Registry.of(
                    new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS.named("KeypointMSELoss")), "/jars/mmpose.jar"),
                    new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS.named("KeypointMSELoss")), "/jars/plugin.jar")));
    assertEquals(1, error.conflicts().size());
    String message = error.getMessage();
    assertTrue(message.startsWith("MODELS module 'mmpose.KeypointMSELoss' is registered twice"), message);
    assertTrue(message.contains("FixtureIndex in /jars/mmpose.jar"), message);
    assertTrue(message.contains("FixtureIndex in /jars/plugin.jar"), message);
    assertTrue(message.contains("force=true"), message);
  }

  @Test
  void anAliasCollidesWithANameOfAnotherJar() {
    RegistryConflictException error =
        assertThrows(
            RegistryConflictException.class,
            () ->
                Registry.of(
                    new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS), "/jars/a.jar"),
                    new IndexSource(FixtureIndex.of(L1_LOSS.inScope("mmpose").named("MSELoss")), "/jars/b.jar")));
    assertTrue(error.getMessage().contains("'mmpose.MSELoss' is registered twice"), error.getMessage());
    assertTrue(error.getMessage().contains("MseLoss by"), error.getMessage());
    assertTrue(error.getMessage().contains("L1Loss by"), error.getMessage());
  }

  @Test
  void theSameNameInAnotherScopeOrRegistryIsNoConflict() {
    Registry registry =
        Registry.of(
            new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS), "/jars/a.jar"),
            new IndexSource(
                FixtureIndex.of(KEYPOINT_MSE_LOSS.inScope("myplugin"), RANDOM_FLIP.named("KeypointMSELoss")),
                "/jars/b.jar"));
    assertEquals(List.of("mmpose", "myplugin"), List.copyOf(registry.scopes()));
    assertEquals(2, registry.modules(Registries.MODELS).size());
    assertEquals(1, registry.modules(Registries.TRANSFORMS).size());
  }

  @Test
  void exactlyOneForcedRegistrationWinsWhicheverJarComesFirst() {
    IndexSource plain = new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS.named("KeypointMSELoss")), "/jars/mmpose.jar");
    IndexSource forced =
        new IndexSource(FixtureIndex.of(L1_LOSS.inScope("mmpose").named("KeypointMSELoss").forced()), "/jars/override.jar");
    for (Registry registry : List.of(Registry.of(plain, forced), Registry.of(forced, plain))) {
      RegisteredModule winner =
          registry.withDefaultScope("mmpose").find(Registries.MODELS, "KeypointMSELoss").orElseThrow();
      assertEquals("/jars/override.jar", winner.origin());
      assertTrue(winner.entry().force());
    }
  }

  @Test
  void twoForcedRegistrationsStillConflict() {
    RegistryConflictException error =
        assertThrows(
            RegistryConflictException.class,
            () ->
                Registry.of(
                    new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS.forced()), "/jars/a.jar"),
                    new IndexSource(FixtureIndex.of(KEYPOINT_MSE_LOSS.forced()), "/jars/b.jar")));
    // the name and the alias both collide, each reported
    assertEquals(2, error.conflicts().size(), error.getMessage());
    assertTrue(error.getMessage().contains("both are registered with force=true"), error.getMessage());
  }

  @Test
  void aRegistryDeclaredWithTwoBaseTypesIsAConflict() {
    RegistryConflictException error =
        assertThrows(
            RegistryConflictException.class,
            () ->
                Registry.of(
                    new IndexSource(
                        new FixtureIndex(
                            List.of(), List.of(new RegistryDeclaration("TRANSFORMS", Transform.class.getName())),
                            FixtureIndex.METADATA),
                        "/jars/a.jar"),
                    new IndexSource(
                        new FixtureIndex(
                            List.of(), List.of(new RegistryDeclaration("TRANSFORMS", "com.example.OtherTransform")),
                            FixtureIndex.METADATA),
                        "/jars/b.jar")));
    assertTrue(error.getMessage().contains("/jars/a.jar"), error.getMessage());
    assertTrue(error.getMessage().contains("/jars/b.jar"), error.getMessage());
    assertTrue(error.getMessage().contains("com.example.OtherTransform"), error.getMessage());
  }
}
