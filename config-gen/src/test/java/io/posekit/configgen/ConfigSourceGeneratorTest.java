package io.posekit.configgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.ModuleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSourceGeneratorTest {
  private static final Path ROOT = Path.of("/cfg");

  /** Reads KeypointMSELoss dicts; mmdet.* is another scope's; anything else is unknown. */
  static final class FakeReader implements TypedDictReader {
    @Override
    public Reading read(ConfigLayer layer, List<Object> path, Map<?, ?> dict) {
      String type = (String) dict.get("type");
      if (type.equals("KeypointMSELoss")) {
        return new Typed(LossConfig.read(dict));
      }
      if (type.startsWith("mmdet.")) {
        return new Foreign(type, "scope 'mmdet' has no Java implementation");
      }
      return new Unreadable(type, "/cfg/" + layer.name() + ":7: " + path + ".type: unknown MODELS type '" + type + "'");
    }

    @Override
    public Map<String, String> builderMethods(ModuleConfig<?> config) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("use_target_weight", "useTargetWeight");
      m.put("loss_weight", "lossWeight");
      m.put("reduction", "reduction");
      m.put("channels", "channels");
      return m;
    }
  }

  private static ConfigLayer base() {
    LocatedDict own = new LocatedDict("/cfg/_base_/base.py", 1)
        .at(1, "default_scope", "mmpose")
        .at(2, "loss", new LocatedDict("/cfg/_base_/base.py", 2)
            .at(2, "type", "KeypointMSELoss").at(3, "use_target_weight", true).at(3, "channels", List.of(1, 2)))
        .at(5, "train_cfg", new LocatedDict("/cfg/_base_/base.py", 5).at(5, "by_epoch", true).at(5, "max_epochs", 10))
        .at(6, "detector", new LocatedDict("/cfg/_base_/base.py", 6).at(6, "type", "mmdet.RTMDet").at(6, "depth", 3));
    return new ConfigLayer("_base_/base.py", List.of(), own, own);
  }

  private static ConfigLayer child() {
    LocatedDict own = new LocatedDict("/cfg/child.py", 1)
        .at(3, "loss", new LocatedDict("/cfg/child.py", 3).at(4, "loss_weight", 0.5).at(5, "reduction", "mean"))
        .at(7, "train_cfg", new LocatedDict("/cfg/child.py", 7).at(7, "max_epochs", 20))
        .at(8, "detector", new LocatedDict("/cfg/child.py", 8).at(8, "_delete_", true).at(8, "type", "mmdet.YOLOX"))
        .at(9, "work_dir", "out");
    LocatedDict merged = new LocatedDict("/cfg/child.py", 1)
        .at(1, "default_scope", "mmpose")
        .at(3, "loss", new LocatedDict("/cfg/child.py", 3).at(2, "type", "KeypointMSELoss")
            .at(3, "use_target_weight", true).at(3, "channels", List.of(1, 2)).at(4, "loss_weight", 0.5)
            .at(5, "reduction", "mean"))
        .at(7, "train_cfg", new LocatedDict("/cfg/child.py", 7).at(5, "by_epoch", true).at(7, "max_epochs", 20))
        .at(8, "detector", new LocatedDict("/cfg/child.py", 8).at(8, "type", "mmdet.YOLOX"))
        .at(9, "work_dir", "out");
    return new ConfigLayer("child.py", List.of("_base_/base.py"), own, merged);
  }

  private static ConfigSourceGenerator generator(boolean lenient) {
    return new ConfigSourceGenerator(new FakeReader(), new ConfigSourceGenerator.Options("gen", ROOT, lenient));
  }

  @Test
  void childMatchesTheGoldenSource() throws IOException {
    ConfigSourceGenerator.Result result = generator(false).generate(List.of(base(), child()));
    assertEquals(List.of("gen/Child.java", "gen/_base_/Base.java"), List.copyOf(result.sources().keySet()));
    assertEquals(golden("Child.java.golden"), result.sources().get("gen/Child.java"));
    assertEquals(golden("Base.java.golden"), result.sources().get("gen/_base_/Base.java"));
  }

  @Test
  void sameInputGivesTheSameBytes() {
    Map<String, String> first = generator(false).generate(List.of(base(), child())).sources();
    Map<String, String> second = generator(false).generate(List.of(base(), child())).sources();
    assertEquals(first, second);
  }

  @Test
  void layeringDeleteAndOtherScopesAreVisible() {
    ConfigSourceGenerator.Result result = generator(false).generate(List.of(base(), child()));
    String child = result.sources().get("gen/Child.java");
    assertTrue(child.contains("Map<Object, Object> cfg = ConfigTrees.root(Base.config());"), child);
    assertTrue(child.replaceAll("\\s+", "").contains("((LossConfig)ConfigTrees.at(cfg,\"loss\")).toBuilder()//line4.lossWeight(0.5)"),
        child);
    assertTrue(child.contains("child.py:8: _delete_=True replaces the value of _base_/base.py:6"), child);
    assertTrue(child.contains("/* plain dict: scope 'mmdet' has no Java implementation */"), child);
    assertFalse(child.contains("\"_delete_\""), child);
    assertEquals(List.of("mmdet.RTMDet", "mmdet.YOLOX"),
        result.plainDicts().stream().map(ConfigSourceGenerator.PlainDict::type).sorted().toList());
    assertTrue(result.plainDicts().stream().allMatch(ConfigSourceGenerator.PlainDict::foreign));
  }

  @Test
  void anUnknownTypeIsAnErrorNamingFileLineAndKeyPathUnlessLenient() {
    LocatedDict own = new LocatedDict("/cfg/bad.py", 1)
        .at(7, "head", new LocatedDict("/cfg/bad.py", 7).at(7, "type", "HeatmapHaed"));
    ConfigLayer bad = new ConfigLayer("bad.py", List.of(), own, own);
    ConfigGenException e = assertThrows(ConfigGenException.class, () -> generator(false).generate(List.of(bad)));
    assertEquals("/cfg/bad.py:7: [head].type: unknown MODELS type 'HeatmapHaed'", e.getMessage());

    ConfigSourceGenerator.Result lenient = generator(true).generate(List.of(bad));
    assertEquals(1, lenient.plainDicts().size());
    assertFalse(lenient.plainDicts().get(0).foreign());
    assertTrue(lenient.sources().get("gen/Bad.java").contains("ConfigTrees.dict(\"type\", \"HeatmapHaed\")"));
  }

  @Test
  void aMissingBaseIsNamed() {
    ConfigGenException e = assertThrows(ConfigGenException.class, () -> generator(false).generate(List.of(child())));
    assertEquals("child.py: its base _base_/base.py was not given to config-gen", e.getMessage());
  }

  @Test
  void javaNamesFollowTheFiles() {
    assertEquals("TdHmHrnetW32_8xb64_210eCoco_256x192", JavaNames.className("a/td-hm_hrnet-w32_8xb64-210e_coco-256x192.py"));
    assertEquals("DefaultRuntime", JavaNames.className("_base_/default_runtime.py"));
    assertEquals("Config3xb", JavaNames.className("3xb.yaml"));
    assertEquals("p.body_2d_keypoint.topdown_heatmap", JavaNames.packageName("p", "body_2d_keypoint/topdown_heatmap/x.py"));
    assertEquals("p._base_.datasets", JavaNames.packageName("p", "_base_/datasets/coco.py"));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ConfigSourceGeneratorTest.class.getResourceAsStream("/golden/" + name)) {
      return in == null ? "<missing golden file " + name + ">" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
