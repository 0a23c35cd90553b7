package io.posekit.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.annotations.Registries;
import io.posekit.runtime.registry.fixtures.FixtureIndex;
import io.posekit.runtime.registry.fixtures.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexMetadataTest {

  @Test
  void readsTheParametersOfEachModuleFromTheIndexResource() {
    Registry registry = Registry.of(new IndexSource(new FixtureIndex(), "/jars/fixtures.jar"));
    RegisteredModule head = registry.modules(Registries.MODELS).get(0);
    ModuleMetadata metadata = head.metadata().orElseThrow();
    assertEquals("HeatmapHead", metadata.name());
    assertEquals("Top-down heatmap head.", metadata.doc());
    assertEquals(List.of("in_channels", "loss", "dataset_meta"), metadata.parameters().stream().map(ParameterMetadata::key).toList());
    ParameterMetadata inChannels = metadata.parameters().get(0);
    assertTrue(inChannels.required());
    assertNull(inChannels.defaultValue());
    assertTrue(metadata.parameters().get(2).provided());

    ModuleMetadata loss = registry.withDefaultScope("mmpose").find(Registries.MODELS, "MSELoss").orElseThrow().metadata().orElseThrow();
    assertEquals(List.of("MSELoss"), loss.aliases());
    assertEquals("False", loss.parameters().get(0).defaultValue());
    assertEquals("float", loss.parameters().get(1).type());
    assertEquals(
        List.of("TRANSFORMS"),
        registry.sources().get(0).metadata().registries().stream().map(r -> r.name()).toList());
  }

  @Test
  void aMissingResourceIsAnErrorNamingIt() {
    IndexSource source =
        new IndexSource(
            new FixtureIndex(Fixtures.STANDARD, List.of(), "META-INF/posekit/Missing.json"), "/jars/broken.jar");
    // the registry itself works without metadata: it is read only for listings
    Registry registry = Registry.of(source);
    assertEquals(4, registry.modules(Registries.MODELS).size() + registry.modules(Registries.TRANSFORMS).size());
    IllegalStateException error = assertThrows(IllegalStateException.class, source::metadata);
    assertTrue(error.getMessage().contains("META-INF/posekit/Missing.json"), error.getMessage());
  }
}
