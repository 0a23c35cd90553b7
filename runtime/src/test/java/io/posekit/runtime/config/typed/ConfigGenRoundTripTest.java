package io.posekit.runtime.config.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.config.CanonicalJson;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.ConfigCodegen;
import io.posekit.runtime.runner.TypedConfigTranslator;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config-gen end to end: the Java it writes for a config and its bases compiles, and what it
 * builds equals what loading the config and reading its typed dicts gives.
 */
class ConfigGenRoundTripTest {
  private static final Path CONFIGS = Path.of("../configs").toAbsolutePath().normalize();
  private static final Path DEMO = CONFIGS.resolve("body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py");

  @TempDir Path tmp;

  @Test
  void generatedDemoConfigCompilesAndEqualsTheLoadedConfig() throws Exception {
    Registry registry = Registry.load();
    ConfigSourceGenerator.Result result = ConfigCodegen.generate(CONFIGS, List.of(DEMO), "gen", false, registry);
    assertEquals(List.of("gen/_base_/DefaultRuntime.java", "gen/body_2d_keypoint/topdown_heatmap/coco/TdHmRes18TinyDemo_128x96.java"),
        List.copyOf(result.sources().keySet()));
    assertEquals(List.of(), GeneratedJava.compile(result.sources(), tmp));
    try (URLClassLoader loader = GeneratedJava.loader(tmp)) {
      for (Path file : List.of(DEMO, CONFIGS.resolve("_base_/default_runtime.py"))) {
        String className = ConfigSourceGenerator.Result.className("gen", CONFIGS.relativize(file).toString());
        Object generated = TypedConfig.plain(GeneratedJava.config(loader, className));
        Object loaded = TypedConfig.plain(new TypedConfigTranslator(registry).translate(Config.fromFile(file)).root());
        assertEquals(CanonicalJson.of(loaded), CanonicalJson.of(generated), file.toString());
      }
    }
  }

  @Test
  void childOverridesItsBaseWithToBuilderAndDeleteBuildsAfresh() throws Exception {
    Files.createDirectories(tmp.resolve("cfg/_base_"));
    Files.writeString(tmp.resolve("cfg/_base_/base.py"), """
        default_scope = 'mmpose'
        codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)
        loss = dict(type='KeypointMSELoss', use_target_weight=True)
        train_cfg = dict(by_epoch=True, max_epochs=10)
        """);
    Files.writeString(tmp.resolve("cfg/child.py"), """
        _base_ = ['_base_/base.py']
        codec = dict(sigma=3)
        loss = dict(_delete_=True, type='KeypointMSELoss', loss_weight=0.5)
        train_cfg = dict(max_epochs=20)
        """);
    Registry registry = Registry.load();
    ConfigSourceGenerator.Result result =
        ConfigCodegen.generate(tmp.resolve("cfg"), List.of(tmp.resolve("cfg/child.py")), "t", false, registry);
    String child = result.sources().get("t/Child.java");
    assertTrue(child.contains("((MSRAHeatmapConfig) ConfigTrees.at(cfg, \"codec\"))"), child);
    assertTrue(child.contains(".toBuilder()"), child);
    assertTrue(child.contains("child.py:3: _delete_=True replaces the value of _base_/base.py:3"), child);
    assertTrue(child.contains("KeypointMSELossConfig.builder()"), child);
    assertTrue(child.contains("ConfigTrees.with("), child);
    Path out = tmp.resolve("out");
    assertEquals(List.of(), GeneratedJava.compile(result.sources(), out));
    try (URLClassLoader loader = GeneratedJava.loader(out)) {
      Object generated = TypedConfig.plain(GeneratedJava.config(loader, "t.Child"));
      Object loaded = TypedConfig.plain(
          new TypedConfigTranslator(registry).translate(Config.fromFile(tmp.resolve("cfg/child.py"))).root());
      assertEquals(CanonicalJson.of(loaded), CanonicalJson.of(generated));
    }
  }
}
