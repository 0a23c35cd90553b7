package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ComponentResolver;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.ModuleEntry;
import io.posekit.spi.RegistryIndex;
import io.posekit.spi.Tuple;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles {@link Fixtures#pose()}, loads the generated configs and index, and uses them. */
class GeneratedConfigTest {
  @TempDir static Path classes;
  static URLClassLoader loader;
  static RegistryIndex index;
  static ComponentResolver resolver;

  @BeforeAll
  static void compile() {
    Compilation compilation = Fixtures.compile(Fixtures.pose().toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
    loader = GeneratedClasses.load(compilation, classes);
    index = ServiceLoader.load(RegistryIndex.class, loader).stream()
        .map(ServiceLoader.Provider::get)
        .filter(i -> i.getClass().getClassLoader() == loader)
        .findFirst()
        .orElseThrow();
    resolver = new IndexResolver(index);
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  @Test
  void builderTakesTheDefaults() throws Exception {
    ModuleConfig<?> loss = build(builder("demo.KeypointMSELossConfig"));
    assertEquals(
        map("type", "KeypointMSELoss", "use_target_weight", false, "loss_weight", 1.0), loss.toMap());
    assertEquals("dict(type='KeypointMSELoss', use_target_weight=False, loss_weight=1.0)", loss.toString());
    assertEquals("KeypointMSELoss", loss.type());
    assertEquals("MODELS", loss.registry());
    assertEquals("mmengine", loss.scope());
    assertEquals("demo.KeypointMSELoss", loss.moduleType().getName());
  }

  @Test
  void builderSetsValuesAndWithCopies() throws Exception {
    Object builder = builder("demo.KeypointMSELossConfig");
    builder.getClass().getMethod("useTargetWeight", boolean.class).invoke(builder, true);
    ModuleConfig<?> loss = build(builder);
    Object copy = loss.getClass().getMethod("withLossWeight", double.class).invoke(loss, 0.5);
    assertEquals("dict(type='KeypointMSELoss', use_target_weight=True, loss_weight=0.5)", copy.toString());
    Object rebuilt = build(loss.getClass().getMethod("toBuilder").invoke(loss));
    assertEquals(loss, rebuilt);
  }

  @Test
  void headToMapHasEveryKeyInOrderWithTuplesAndNestedDicts() throws Exception {
    ModuleConfig<?> head = fromMap("demo.HeatmapHeadConfig", headDict());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("type", "HeatmapHead");
    expected.put("in_channels", 32);
    expected.put("input_size", Tuple.of(192, 256));
    expected.put("loss", map("type", "KeypointMSELoss", "use_target_weight", true, "loss_weight", 1.0));
    expected.put("decoder", map("type", "MSRAHeatmap", "input_size", Tuple.of(192, 256),
        "heatmap_size", Tuple.of(48, 64), "sigma", 2.0));
    expected.put("pipeline", List.of(map("type", "RandomFlip", "prob", 0.5, "direction", "horizontal")));
    expected.put("test_cfg", map("flip_test", false, "flip_mode", "heatmap", "shift_heatmap", 0.25));
    expected.put("flip_mode", "udp");
    expected.put("init_cfg", null);
    expected.put("weights", map("a", 1.0, "b", 2.0));
    assertEquals(expected, head.toMap());
    assertEquals(
        "dict(type='HeatmapHead', in_channels=32, input_size=(192, 256),"
            + " loss=dict(type='KeypointMSELoss', use_target_weight=True, loss_weight=1.0),"
            + " decoder=dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2.0),"
            + " pipeline=[dict(type='RandomFlip', prob=0.5, direction='horizontal')],"
            + " test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=0.25),"
            + " flip_mode='udp', init_cfg=None, weights=dict(a=1.0, b=2.0))",
        head.toString());
  }

  @Test
  void emptyOptionalIsLeftOutOfTheMap() throws Exception {
    ModuleConfig<?> head = fromMap("demo.HeatmapHeadConfig", map("in_channels", 3, "decoder", null));
    assertTrue(!head.toMap().containsKey("decoder"));
    assertEquals(Optional.empty(), head.getClass().getMethod("decoder").invoke(head));
  }

  @Test
  void readingBackTheMapGivesAnEqualConfig() throws Exception {
    ModuleConfig<?> head = fromMap("demo.HeatmapHeadConfig", headDict());
    assertEquals(head, fromMap("demo.HeatmapHeadConfig", head.toMap()));
    assertEquals(head.hashCode(), fromMap("demo.HeatmapHeadConfig", head.toMap()).hashCode());
  }

  @Test
  void misspelledNestedKeyGivesItsPathAndASuggestion() {
    Map<String, Object> dict = headDict();
    dict.put("loss", map("type", "KeypointMSELoss", "use_target_weigth", true));
    ConfigException e = assertThrows(ConfigException.class, () -> fromMap("demo.HeatmapHeadConfig", dict));
    assertEquals(1, e.problems().size(), e.getMessage());
    ConfigProblem problem = e.problems().get(0);
    assertEquals("loss.use_target_weigth", problem.path().toString());
    assertEquals("did you mean 'use_target_weight'?", problem.hint());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, Object> dict = map("flip_mode", "hetmap", "input_size", List.of(1.5, 2), "in_channel", 3);
    ConfigException e = assertThrows(ConfigException.class, () -> fromMap("demo.HeatmapHeadConfig", dict));
    List<String> paths = e.problems().stream().map(p -> p.path().toString()).toList();
    assertEquals(List.of("in_channels", "input_size.0", "flip_mode", "in_channel"), paths, e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'heatmap'?"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'in_channels'?"), e.getMessage());
  }

  @Test
  void noneIsRejectedWhereTheParameterIsNotNullable() {
    ConfigException e = assertThrows(
        ConfigException.class, () -> fromMap("demo.HeatmapHeadConfig", map("in_channels", 3, "loss", null)));
    assertEquals("loss", e.problems().get(0).path().toString());
  }

  @Test
  void buildCallsTheConstructorWithBuiltComponentsAndProvidedValues() throws Exception {
    ModuleConfig<?> head = fromMap("demo.HeatmapHeadConfig", headDict());
    Class<?> meta = loader.loadClass("demo.DatasetMeta");
    Object coco = meta.getConstructor(String.class).newInstance("coco");
    Object built = head.build(BuildContext.of(Map.of("dataset_meta", coco)));
    assertEquals("demo.HeatmapHead", built.getClass().getName());
    assertEquals(32, field(built, "inChannels"));
    assertEquals(coco, field(built, "datasetMeta"));
    Object loss = field(built, "loss");
    assertEquals("demo.KeypointMSELoss", loss.getClass().getName());
    assertEquals(true, field(loss, "useTargetWeight"));
    Optional<?> decoder = (Optional<?>) field(built, "decoder");
    assertEquals(2.0, field(decoder.orElseThrow(), "sigma"));
    List<?> pipeline = (List<?>) field(built, "pipeline");
    assertEquals("horizontal", field(pipeline.get(0), "direction"));
    assertEquals("UDP", field(built, "flipMode").toString());
    assertNull(field(built, "initCfg"));
  }

  @Test
  void buildWithoutTheProvidedValueFails() throws Exception {
    ModuleConfig<?> head = fromMap("demo.HeatmapHeadConfig", map("in_channels", 3));
    ConfigException e = assertThrows(ConfigException.class, () -> head.build(BuildContext.empty()));
    assertTrue(e.getMessage().contains("dataset_meta"), e.getMessage());
  }

  @Test
  void indexListsModulesAndRegistriesAndDispatchesReads() {
    List<String> names = index.modules().stream().map(ModuleEntry::qualifiedName).toList();
    assertEquals(
        List.of("mmengine.KeypointMSELoss", "mmpose.MSRAHeatmap", "mmengine.RandomFlip", "mmpose.HeatmapHead"), names);
    ModuleEntry flip = index.modules().get(2);
    assertEquals(List.of("Flip"), flip.aliases());
    assertEquals("demo.RandomFlipConfig", flip.configClass());
    assertTrue(flip.supertypes().contains("demo.Transform"));
    assertEquals(List.of(new io.posekit.spi.RegistryDeclaration("CODECS", "demo.Codec")), index.registries());
    ConfigReader reader = ConfigReader.withoutRegistry();
    ModuleConfig<?> read = index.read(flip, reader.dict(map("prob", 0.1), KeyPath.root(), "RandomFlip"));
    assertEquals("demo.RandomFlipConfig", read.getClass().getName());
    assertEquals(0.1, read.toMap().get("prob"));
    ModuleEntry foreign = new ModuleEntry(2, "TRANSFORMS", "x", "Y", List.of(), false, "a.Y", "a.YConfig", List.of());
    assertThrows(IllegalArgumentException.class, () -> index.read(foreign, reader.dict(Map.of(), KeyPath.root(), "Y")));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static Map<String, Object> headDict() {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("in_channels", 32);
    dict.put("decoder", map("type", "MSRAHeatmap", "input_size", Tuple.of(192, 256), "heatmap_size", List.of(48, 64)));
    dict.put("pipeline", List.of(map("type", "Flip")));
    dict.put("flip_mode", "udp");
    return dict;
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  private static Object builder(String config) throws Exception {
    return loader.loadClass(config).getMethod("builder").invoke(null);
  }

  private static ModuleConfig<?> build(Object builder) throws Exception {
    return (ModuleConfig<?>) builder.getClass().getMethod("build").invoke(builder);
  }

  private static ModuleConfig<?> fromMap(String config, Map<String, ?> dict) throws Exception {
    Method fromMap = loader.loadClass(config).getMethod("fromMap", Map.class, ComponentResolver.class);
    try {
      return (ModuleConfig<?>) fromMap.invoke(null, dict, resolver);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private static Object field(Object object, String name) throws Exception {
    return object.getClass().getField(name).get(object);
  }

  /** Resolves nested components by name or alias through the compiled index. */
  private record IndexResolver(RegistryIndex index) implements ComponentResolver {
    @Override
    public <T> ModuleConfig<? extends T> resolve(Map<?, ?> dict, KeyPath path, Class<T> base, ConfigReader reader) {
      Object type = dict.get("type");
      for (ModuleEntry entry : index.modules()) {
        if ((entry.name().equals(type) || entry.aliases().contains(type)) && entry.implementsType(base)) {
          ModuleConfig<?> config = index.read(entry, reader.dict(dict, path, entry.name()));
          return config == null ? null : narrow(config, base);
        }
      }
      reader.problem(path, dict, "type", "no " + base.getSimpleName() + " named " + type, null);
      return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> ModuleConfig<? extends T> narrow(ModuleConfig<?> config, Class<T> base) {
      assertInstanceOf(ModuleConfig.class, config);
      assertTrue(base.isAssignableFrom(config.moduleType()));
      return (ModuleConfig<? extends T>) config;
    }
  }
}
