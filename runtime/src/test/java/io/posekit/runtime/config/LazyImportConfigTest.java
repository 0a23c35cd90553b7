package io.posekit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MMEngine's lazy-import ("pure Python") configs: {@code with read_base(): from .._base_.x import *}.
 * The expected values are what MMEngine's own {@code Config.fromfile(...).to_dict()} gave for
 * these files (run locally; see docs/benchmarks.md), in the canonical form of shared/parity.
 */
class LazyImportConfigTest {
  static final LoadOptions OPTIONS = LoadOptions.defaults().withEnvironment(Map.of());

  @Test
  void basesAreImportedAsModulesAndImportsBecomeDottedNames() throws IOException {
    Config cfg = Config.fromFile(ConfigSemanticsTest.resource("lazy/body/child.py"), OPTIONS);
    assertEquals(List.of("default_scope", "default_hooks", "train_cfg", "ids", "base_model", "optim_wrapper",
        "model", "input_size", "sigma", "ratio", "steps", "name"), List.copyOf(cfg.dict().keySet()));
    JsonNode expected = CanonicalJson.MAPPER.readTree("{\"base_model\": {\"head\": {\"in_channels\": 32, \"out_channels\": 133,"
        + " \"type\": \"mmpose.models.HeatmapHead\"}, \"scope\": \"mmpose\", \"type\": \"mmpose.models.TopdownPoseEstimator\"},"
        + " \"default_hooks\": {\"checkpoint\": {\"interval\": 10, \"save_best\": \"coco/AP\", \"type\": \"CheckpointHook\"},"
        + " \"logger\": {\"interval\": 50, \"type\": \"LoggerHook\"}}, \"default_scope\": \"mmpose\","
        + " \"ids\": {\"__items__\": [[0, \"nose\"], [1, \"eye\"]]}, \"input_size\": {\"__tuple__\": [192, 256]},"
        + " \"model\": {\"head\": {\"in_channels\": 32, \"out_channels\": 133, \"type\": \"mmpose.models.HeatmapHead\"},"
        + " \"scope\": \"mmpose\", \"type\": \"mmpose.models.TopdownPoseEstimator\"}, \"name\": \"mmpose-2\","
        + " \"optim_wrapper\": {\"act\": {\"type\": \"torch.nn.ReLU\"}, \"dtype\": \"torch.float32\","
        + " \"optimizer\": {\"lr\": {\"__float__\": \"0.001\"}, \"type\": \"torch.optim.Adam\"}}, \"ratio\": {\"__float__\": \"0.25\"},"
        + " \"sigma\": 2, \"steps\": [0, 1, 3], \"train_cfg\": {\"by_epoch\": true, \"max_epochs\": 50, \"val_interval\": 10}}");
    assertEquals(expected, CanonicalJson.of(cfg.dict()));
    // provenance still names the base file and line that wrote a value
    ConfigDict hooks = (ConfigDict) cfg.get("default_hooks");
    assertTrue(cfg.dict().locationOf("default_hooks").orElseThrow().file().endsWith("_base_/runtime.py"));
    assertEquals(3, ((ConfigDict) hooks.get("checkpoint")).locationOf("type").orElseThrow().line());
  }

  @Test
  void packageBasesResolveAgainstTheScopeRootAndCacheLikeOthers(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("configs/_base_"));
    Files.writeString(root.resolve("default_runtime.py"), "train_cfg = dict(by_epoch=True)\nlog_level = 'INFO'\n");
    Path child = Files.createDirectories(dir.resolve("configs/body")).resolve("c.py");
    Files.writeString(child, "from mmengine.config import read_base\nwith read_base():\n"
        + "    from mmpose.configs._base_.default_runtime import *\n"
        + "from mmpose.models import ResNet\ntrain_cfg.update(max_epochs=3)\nbackbone = dict(type=ResNet, depth=18)\n");
    LoadOptions options = OPTIONS.withScopeRoots(Map.of("mmpose", dir.resolve("configs")));
    Config cfg = Config.fromFile(child, options);
    assertEquals(List.of("train_cfg", "log_level", "backbone"), List.copyOf(cfg.dict().keySet()));
    assertEquals(ConfigDict.of("by_epoch", true, "max_epochs", 3), cfg.get("train_cfg"));
    assertEquals("mmpose.models.ResNet", cfg.get("backbone.type"));

    ConfigLoadException noRoot = assertThrows(ConfigLoadException.class, () -> Config.fromFile(child, OPTIONS));
    assertTrue(noRoot.getMessage().contains("no directory for package 'mmpose'"), noRoot.getMessage());
    assertTrue(noRoot.getMessage().contains("c.py:3"), noRoot.getMessage());

    Path cache = dir.resolve("cache");
    assertEquals(CanonicalJson.of(cfg.dict()), CanonicalJson.of(Config.fromFile(child, options.withCache(cache)).dict()));
    Files.writeString(root.resolve("default_runtime.py"), "train_cfg = dict(by_epoch=False)\nlog_level = 'INFO'\n");
    assertEquals(false, Config.fromFile(child, options.withCache(cache)).get("train_cfg.by_epoch"));
  }

  @Test
  void javaClassesStayOutOfReachInLazyConfigs(@TempDir Path dir) throws IOException {
    for (String attempt : List.of("from java.lang import Runtime", "import java.io as io", "from javax.script import ScriptEngine")) {
      Path cfg = dir.resolve("j.py");
      Files.writeString(cfg, "from mmengine.config import read_base\nfrom mmpose.models import ResNet\n" + attempt + "\nx = 1\n");
      ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> Config.fromFile(cfg, OPTIONS), attempt);
      assertTrue(e.getMessage().contains("j.py:3") && e.getMessage().contains("Java package"), e.getMessage());
    }
  }

  @Test
  void malformedLazyConfigsAreClearErrors() {
    ConfigLoadException star = assertThrows(ConfigLoadException.class,
        () -> Config.fromFile(ConfigSemanticsTest.resource("lazy/body/bad_star.py"), OPTIONS));
    assertTrue(star.getMessage().contains("bad_star.py:6"), star.getMessage());
    assertTrue(star.getMessage().contains("only allowed inside `with read_base():`"), star.getMessage());

    ConfigLoadException missing = assertThrows(ConfigLoadException.class,
        () -> Config.fromFile(ConfigSemanticsTest.resource("lazy/body/missing_name.py"), OPTIONS));
    assertTrue(missing.getMessage().contains("missing_name.py:4"), missing.getMessage());
    assertTrue(missing.getMessage().contains("cannot import name 'no_such_name'"), missing.getMessage());

    ConfigLoadException mixed = assertThrows(ConfigLoadException.class,
        () -> Config.fromFile(ConfigSemanticsTest.resource("lazy/body/classic_with_lazy_base.py"), OPTIONS));
    assertTrue(mixed.getMessage().contains("cannot be the _base_ of a config that uses _base_"), mixed.getMessage());
  }
}
