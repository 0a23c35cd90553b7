package io.posekit.runtime.config.typed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.configgen.ConfigLayer;
import io.posekit.configgen.ConfigSourceGenerator;
import io.posekit.runtime.config.CanonicalJson;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.ConfigLayers;
import io.posekit.runtime.config.ConfigSemanticsTest;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.RegistryTypedDictReader;
import io.posekit.runtime.runner.TypedConfigTranslator;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config-gen over the two other ways MMEngine configs inherit: lazy import ({@code with
 * read_base():}, as MMPose's EDPose config) and scoped bases ({@code _base_ = ['mmpose::...']}).
 * Each base is a class of its own, the generated Java compiles, and what it builds equals the
 * config as loaded.
 */
class ConfigGenLazyAndScopedBasesTest {
  private static final Path LAZY = ConfigSemanticsTest.resource("configgen/lazy");
  private static final Path SCOPED = ConfigSemanticsTest.resource("configgen/scoped");
  private static final LoadOptions OPTIONS = LoadOptions.defaults().withEnvironment(Map.of());

  static Registry registry;

  @TempDir Path tmp;

  @BeforeAll
  static void loadRegistry() {
    registry = Registry.load();
  }

  private static ConfigSourceGenerator.Result generate(Path root, String config, LoadOptions options) {
    ConfigLayers layers = new ConfigLayers(root, options);
    layers.load(root.resolve(config));
    return new ConfigSourceGenerator(new RegistryTypedDictReader(registry),
        new ConfigSourceGenerator.Options("gen", root, false)).generate(layers.layers());
  }

  private static Object loadedTyped(Path file, LoadOptions options) {
    return TypedConfig.plain(new TypedConfigTranslator(registry).translate(Config.fromFile(file, options)).root());
  }

  @Test
  void lazyImportBasesAreLayersOfTheirOwn() throws Exception {
    ConfigLayers layers = new ConfigLayers(LAZY, OPTIONS);
    layers.load(LAZY.resolve("body/td-hm_lazy.py"));
    Map<String, ConfigLayer> byName = new java.util.LinkedHashMap<>();
    layers.layers().forEach(l -> byName.put(l.name(), l));
    assertEquals(List.of("_base_/runtime.py", "_base_/heads.py", "body/td-hm_lazy.py"), List.copyOf(byName.keySet()));
    ConfigLayer child = byName.get("body/td-hm_lazy.py");
    assertTrue(child.lazy());
    assertEquals(List.of("_base_/runtime.py", "_base_/heads.py"), child.bases());
    assertEquals(List.of(new ConfigLayer.LazyImport("_base_/runtime.py", "*", null, 5),
        new ConfigLayer.LazyImport("_base_/heads.py", "codec", null, 6),
        new ConfigLayer.LazyImport("_base_/heads.py", "head", "base_head", 6)), child.lazyImports());
    // stand-ins of other imports are not config variables, in the base as in the child
    assertFalse(byName.get("_base_/heads.py").merged().containsKey("HeatmapHead"));
    assertFalse(child.merged().containsKey("DefaultSampler"));
  }

  @Test
  void lazyImportConfigCompilesEqualsTheLoadedConfigAndIsDeterministic() throws Exception {
    ConfigSourceGenerator.Result result = generate(LAZY, "body/td-hm_lazy.py", OPTIONS);
    assertEquals(List.of("gen/_base_/Heads.java", "gen/_base_/Runtime.java", "gen/body/TdHmLazy.java"),
        List.copyOf(result.sources().keySet()));
    String child = result.sources().get("gen/body/TdHmLazy.java");
    assertTrue(child.contains("// body/td-hm_lazy.py:5: from _base_/runtime.py import *"), child);
    assertTrue(child.contains("cfg.putAll(Runtime.config());"), child);
    assertTrue(child.contains("// body/td-hm_lazy.py:6: from _base_/heads.py import head as base_head"), child);
    assertTrue(child.contains("cfg.put(\"base_head\", Heads.config().get(\"head\"));"), child);
    assertTrue(child.contains("// body/td-hm_lazy.py:11: updates the value of _base_/runtime.py:10"), child);
    assertTrue(child.contains("// body/td-hm_lazy.py:12: replaces the value of _base_/runtime.py:9"), child);
    assertTrue(child.contains("// body/td-hm_lazy.py:15: updates the value of _base_/runtime.py:4"), child);
    assertTrue(child.indexOf("td-hm_lazy.py:11:") < child.indexOf("td-hm_lazy.py:12:")
        && child.indexOf("td-hm_lazy.py:12:") < child.indexOf("td-hm_lazy.py:15:"), "statements in the order of the file");
    assertTrue(child.contains("((CheckpointHookConfig) ConfigTrees.at(cfg, \"default_hooks\", \"checkpoint\"))"), child);
    assertTrue(child.matches("(?s).*\\(\\(HeatmapHeadConfig\\) ConfigTrees.at\\(cfg, \"base_head\"\\)\\)\\s*\\.toBuilder\\(\\)\\s*// line 19\\s*\\.inChannels\\(48\\).*"), child);
    assertTrue(child.contains("// body/td-hm_lazy.py:22\n"), child);
    String heads = result.sources().get("gen/_base_/Heads.java");
    assertTrue(heads.contains("// _base_/heads.py:4: from _base_/runtime.py import default_scope"), heads);

    assertEquals(result.sources(), generate(LAZY, "body/td-hm_lazy.py", OPTIONS).sources(), "byte-identical on a second run");

    assertEquals(List.of(), GeneratedJava.compile(result.sources(), tmp));
    try (URLClassLoader loader = GeneratedJava.loader(tmp)) {
      for (String file : List.of("_base_/runtime.py", "_base_/heads.py", "body/td-hm_lazy.py")) {
        Object generated = TypedConfig.plain(GeneratedJava.config(loader, ConfigSourceGenerator.Result.className("gen", file)));
        assertEquals(CanonicalJson.of(loadedTyped(LAZY.resolve(file), OPTIONS)), CanonicalJson.of(generated), file);
      }
      Map<Object, Object> cfg = GeneratedJava.config(loader, "gen.body.TdHmLazy");
      Map<?, ?> head = (Map<?, ?>) ((Map<?, ?>) TypedConfig.plain(cfg.get("model"))).get("head");
      // the base's None over HeatmapHead's default survives the child's toBuilder()
      assertTrue(head.containsKey("deconv_out_channels"));
      assertNull(head.get("deconv_out_channels"));
      assertEquals(48, head.get("in_channels"));
    }
  }

  @Test
  void scopedBaseGetsItsScopeAsMmengineGivesIt() throws Exception {
    LoadOptions options = OPTIONS.withScopeRoots(Map.of("mmpose", SCOPED));
    ConfigLayers layers = new ConfigLayers(SCOPED, options);
    layers.load(SCOPED.resolve("body/td-hm_scoped.py"));
    ConfigLayer child = layers.layers().get(layers.layers().size() - 1);
    assertEquals(List.of("_base_/runtime.py"), child.bases());
    assertEquals(Map.of("_base_/runtime.py", "mmpose"), child.baseScopes());

    ConfigSourceGenerator.Result result = generate(SCOPED, "body/td-hm_scoped.py", options);
    String source = result.sources().get("gen/body/TdHmScoped.java");
    assertTrue(source.contains("ConfigTrees.root(ConfigTrees.scoped(Runtime.config(), \"mmpose\"))"), source);
    assertEquals(result.sources(), generate(SCOPED, "body/td-hm_scoped.py", options).sources(), "byte-identical on a second run");
    assertEquals(List.of(), GeneratedJava.compile(result.sources(), tmp));
    try (URLClassLoader loader = GeneratedJava.loader(tmp)) {
      Path file = SCOPED.resolve("body/td-hm_scoped.py");
      Object generated = TypedConfig.plain(GeneratedJava.config(loader, "gen.body.TdHmScoped"));
      // typed dicts read as config-gen reads them, the other scope's dicts plain on both sides
      Object loaded = TypedConfig.plain(ConfigGenCompatibilityRun.lenient(new RegistryTypedDictReader(registry), child,
          Config.fromFile(file, options).dict(), new java.util.ArrayList<>()));
      assertEquals(CanonicalJson.of(loaded), CanonicalJson.of(generated));
      // the plain (other scope's) dicts carry _scope_ exactly as loading gives them: set when
      // missing or None, kept when given, not on dicts nested in a typed dict
      List<?> loadedHooks = (List<?>) Config.fromFile(file, options).get("custom_hooks");
      List<?> hooks = (List<?>) ((Map<?, ?>) generated).get("custom_hooks");
      assertEquals(List.of("mmpose", "mmseg"), hooks.stream().map(h -> ((Map<?, ?>) h).get("_scope_")).toList());
      assertEquals(CanonicalJson.of(loadedHooks), CanonicalJson.of(hooks));
      assertFalse(((Map<?, ?>) ((List<?>) ((Map<?, ?>) loadedHooks.get(0)).get("switch_pipeline")).get(0)).containsKey("_scope_"));
      Map<?, ?> nested = (Map<?, ?>) ((List<?>) ((Map<?, ?>) hooks.get(0)).get("switch_pipeline")).get(0);
      assertFalse(nested.containsKey("_scope_"));
      // the base's own class is unscoped: the scope belongs to the child's use of it
      Map<?, ?> base = (Map<?, ?>) TypedConfig.plain(GeneratedJava.config(loader, "gen._base_.Runtime"));
      assertFalse(((Map<?, ?>) ((List<?>) base.get("custom_hooks")).get(0)).containsKey("_scope_"));
    }
  }
}
