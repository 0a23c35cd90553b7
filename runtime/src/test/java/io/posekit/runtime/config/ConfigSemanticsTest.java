package io.posekit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ConfigSemanticsTest {
  public static Path resource(String name) {
    try {
      return Path.of(ConfigSemanticsTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static final LoadOptions OPTIONS = LoadOptions.defaults().withEnvironment(Map.of());

  @Test
  void pythonChildMergesBasesLikeMmengine() {
    Config cfg = Config.fromFile(resource("semantics/child.py"), OPTIONS);
    assertEquals(List.of("model", "input_size", "ids", "lr", "data_root", "sizes", "runtime",
        "size_copy", "out_plus", "name", "where", "squares", "pi2"), List.copyOf(cfg.dict().keySet()));
    assertEquals(ConfigDict.of("type", "NewHead"), cfg.get("model.head"));
    assertEquals(101, cfg.get("model.backbone.depth"));
    assertEquals(2, cfg.get("model.backbone.layers.1.depth"));
    assertEquals(Tuple.of(192, 256), cfg.get("size_copy"));
    assertEquals(18, cfg.get("out_plus"));
    assertEquals(0.25, cfg.get("lr"));
    assertEquals("child-0.25-'nose'", cfg.get("name"));
    assertEquals("child.py|.py", cfg.get("where"));
    assertEquals(ConfigList.of(0, 1, 4), cfg.get("squares"));
    assertEquals(6, cfg.get("pi2"));
    assertEquals("nose", ((ConfigDict) cfg.get("ids")).get(0));
    assertEquals(null, cfg.get("runtime.seed"));
    assertEquals(1L << 40, cfg.get("runtime.big"));
    assertEquals(BigInteger.TWO.pow(70), cfg.get("runtime.huge"));
    assertEquals("/data/coco", cfg.get("data_root"));
    assertEquals(ConfigList.of(1, 2), cfg.get("sizes"));
  }

  @Test
  void locationsNameFileLineAndBaseChain() {
    Config cfg = Config.fromFile(resource("semantics/child.py"), OPTIONS);
    ConfigDict runtime = (ConfigDict) cfg.get("runtime");
    assertTrue(runtime.locationOf("eps").orElseThrow().file().endsWith("base_b.py"));
    assertEquals(2, runtime.locationOf("eps").orElseThrow().line());
    assertEquals(1, runtime.locationOf("eps").orElseThrow().baseChain().size());
    assertTrue(cfg.dict().locationOf("data_root").orElseThrow().baseChain().get(1).endsWith("base_b.py"));
    assertEquals(5, cfg.dict().locationOf("name").orElseThrow().line());
  }

  @Test
  void environmentVariableReplacesDefault() {
    Config cfg = Config.fromFile(resource("semantics/child.py"), OPTIONS.withEnvironment(Map.of("POSEKIT_TEST_ROOT", "/x")));
    assertEquals("/x", cfg.get("data_root"));
    assertEquals(Map.of("POSEKIT_TEST_ROOT", "/x"), cfg.envVariables());
  }

  @Test
  void yamlChildInheritsPythonBaseAndKeepsTaggedTuples() {
    Config cfg = Config.fromFile(resource("semantics/child.yaml"), OPTIONS);
    assertEquals(5, cfg.get("model.head.out"));
    assertEquals(50, cfg.get("model.backbone.depth"));
    assertEquals(Tuple.of(1, 2), cfg.get("extra"));
  }

  @Test
  void scopedBaseResolvesAgainstRootAndAddsScope() {
    Config cfg = Config.fromFile(resource("scoped/child.py"),
        OPTIONS.withScopeRoots(Map.of("demo", resource("scoped"))));
    assertEquals("demo", cfg.get("hooks._scope_"));
    assertEquals(ConfigDict.of("type", "Inner"), cfg.get("hooks.inner"));
  }

  @Test
  void errorsNameFileAndLine() {
    ConfigLoadException dup = assertThrows(ConfigLoadException.class, () -> Config.fromFile(resource("semantics/dup_child.py"), OPTIONS));
    assertTrue(dup.getMessage().contains("Duplicate key is not allowed among bases"), dup.getMessage());
    ConfigLoadException syntax = assertThrows(ConfigLoadException.class, () -> Config.fromFile(resource("semantics/syntax_error.py"), OPTIONS));
    assertTrue(syntax.getMessage().contains("syntax_error.py:3"), syntax.getMessage());
    ConfigLoadException name = assertThrows(ConfigLoadException.class, () -> Config.fromFile(resource("semantics/name_error.py"), OPTIONS));
    assertTrue(name.getMessage().contains("name_error.py:2") && name.getMessage().contains("NameError"), name.getMessage());
    ConfigLoadException missing = assertThrows(ConfigLoadException.class, () -> Config.fromFile(resource("semantics/missing_base.py"), OPTIONS));
    assertTrue(missing.getMessage().contains("missing_base.py:2") && missing.getMessage().contains("nope.py"), missing.getMessage());
    ConfigLoadException cyclic = assertThrows(ConfigLoadException.class, () -> Config.fromFile(resource("semantics/cyclic_a.py"), OPTIONS));
    assertTrue(cyclic.getMessage().contains("cyclic_b.py:1"), cyclic.getMessage());
    assertTrue(cyclic.getMessage().matches("(?s).*cyclic _base_: \\S*cyclic_a\\.py -> \\S*cyclic_b\\.py -> \\S*cyclic_a\\.py.*"), cyclic.getMessage());
  }

  @Test
  void mergeFromDictTakesDottedKeysAndListIndices() {
    Config cfg = Config.fromFile(resource("semantics/child.py"), OPTIONS);
    cfg.mergeFromDict(Map.of("model.backbone.layers.0.depth", 7, "runtime.eps", 0.5, "new.key", "v"));
    assertEquals(7, cfg.get("model.backbone.layers.0.depth"));
    assertEquals(2, cfg.get("model.backbone.layers.1.depth"));
    assertEquals(0.5, cfg.get("runtime.eps"));
    assertEquals("v", cfg.get("new.key"));
    assertThrows(ConfigLoadException.class, () -> cfg.mergeFromDict(Map.of("model.backbone.layers.5.depth", 1)));
  }

  @Test
  void fStringsDivisionAndLargeDictsCompile() {
    StringBuilder big = new StringBuilder("info = {\n");
    for (int i = 0; i < 5000; i++) {
      big.append("    ").append(i).append(": dict(name='k").append(i).append("', id=").append(i).append(", color=[1, 2, 3]),\n");
    }
    big.append("}\nx = f\"{'a'}{len(info):>6}{3/2:.1f}{{lit}}\"\n");
    Config cfg = Config.fromString(big.toString(), "py", OPTIONS);
    assertEquals(5000, ((ConfigDict) cfg.get("info")).size());
    assertEquals("k4999", cfg.get("info.4999.name"));
    assertEquals(List.of(0, 1, 2), List.copyOf(((ConfigDict) cfg.get("info")).keySet()).subList(0, 3));
    assertEquals("a  50001.5{lit}", cfg.get("x"));
  }

  @Test
  void dumpRoundTripsPythonJsonAndYaml(@TempDir Path dir) throws Exception {
    Config cfg = Config.fromFile(resource("semantics/child.py"), OPTIONS);
    cfg.dump(dir.resolve("out.py"));
    assertEquals(cfg.dict(), Config.fromFile(dir.resolve("out.py"), OPTIONS).dict());
    cfg.dump(dir.resolve("out.json"));
    assertEquals(cfg.get("model"), Config.fromFile(dir.resolve("out.json"), OPTIONS).get("model"));
    cfg.dump(dir.resolve("out.yaml"));
    assertEquals(cfg.get("ids"), Config.fromFile(dir.resolve("out.yaml"), OPTIONS).get("ids"));
    assertTrue(Files.readString(dir.resolve("out.py")).contains("input_size = (192, 256)"));
    assertEquals(cfg.prettyText(), Files.readString(dir.resolve("out.py")));
  }

  @Test
  void configDictRefusesNonConfigValues() {
    ConfigDict d = new ConfigDict();
    assertThrows(IllegalArgumentException.class, () -> d.put("x", new Object()));
    d.put("m", Map.of("a", 1));
    assertTrue(d.get("m") instanceof ConfigDict);
  }
}
