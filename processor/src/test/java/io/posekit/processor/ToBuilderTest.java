package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.testing.compile.Compilation;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated {@code toBuilder()} keeps an explicit None over a non-None default (Immutables'
 * {@code from()}, which its own toBuilder used, skips nulls and brought the default back).
 */
class ToBuilderTest {
  @TempDir static Path classes;
  static URLClassLoader loader;
  static Class<?> config;

  @BeforeAll
  static void compile() {
    Compilation compilation = Fixtures.compile(
        source("demo.Nullable", """
            package demo;

            @java.lang.annotation.Target({java.lang.annotation.ElementType.PARAMETER,
                java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.FIELD})
            public @interface Nullable {}
            """),
        source("demo.Head", """
            package demo;

            import io.posekit.annotations.*;
            import java.util.*;

            @RegisterModule(registry = "MODELS", scope = "mmpose")
            public final class Head {
              public Head(
                  int inChannels,
                  @Param(defaultValue = "3") @Nullable Integer numConvs,
                  @Param(defaultValue = "(256, 256)") @Nullable int[] deconvOutChannels,
                  @Param(defaultValue = "['a']") @Nullable List<String> keys,
                  @Param(defaultValue = "'bn'") @Nullable String norm,
                  @Param(defaultValue = "0.5") double dropout,
                  Optional<String> name) {}
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    loader = GeneratedClasses.load(compilation, classes);
    try {
      config = loader.loadClass("demo.HeadConfig");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  @Test
  void explicitNoneOverADefaultSurvivesToBuilder() throws Exception {
    Map<String, Object> dict = new HashMap<>();
    dict.put("in_channels", 32);
    dict.put("num_convs", null);
    dict.put("deconv_out_channels", null);
    dict.put("keys", null);
    dict.put("norm", null);
    dict.put("dropout", 0.1);
    dict.put("name", "x");
    ModuleConfig<?> head = fromMap(dict);
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    expected.put("type", "Head");
    expected.put("in_channels", 32);
    expected.put("num_convs", null);
    expected.put("deconv_out_channels", null);
    expected.put("keys", null);
    expected.put("norm", null);
    expected.put("dropout", 0.1);
    expected.put("name", "x");
    assertEquals(expected, head.toMap());

    ModuleConfig<?> copy = build(toBuilder(head));
    assertEquals(head, copy);
    assertEquals(expected, copy.toMap());
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() throws Exception {
    Map<String, Object> dict = new HashMap<>();
    dict.put("in_channels", 32);
    dict.put("num_convs", null);
    ModuleConfig<?> head = fromMap(dict);
    Object builder = toBuilder(head);
    builder.getClass().getMethod("norm", String.class).invoke(builder, "gn");
    ModuleConfig<?> changed = build(builder);
    assertNotEquals(head, changed);
    Map<String, Object> map = changed.toMap();
    assertNull(map.get("num_convs"));
    assertEquals(true, map.containsKey("num_convs"));
    assertEquals("gn", map.get("norm"));
    assertEquals(Tuple.of(256, 256), map.get("deconv_out_channels"));
    assertEquals(List.of("a"), map.get("keys"));
    assertEquals(0.5, map.get("dropout"));
    assertEquals(false, map.containsKey("name"));
  }

  @Test
  void immutablesFromStillSkipsNulls() throws Exception {
    // the rest of Immutables' API is kept as it was: from() fills only non-null values
    Map<String, Object> dict = new HashMap<>();
    dict.put("in_channels", 32);
    dict.put("num_convs", null);
    ModuleConfig<?> head = fromMap(dict);
    Object builder = config.getMethod("builder").invoke(null);
    Method from = builder.getClass().getMethod("from", loader.loadClass("demo.HeadConfigSpec"));
    from.invoke(builder, head);
    assertEquals(3, build(builder).toMap().get("num_convs"));
  }

  private static ModuleConfig<?> fromMap(Map<String, ?> dict) throws Exception {
    return (ModuleConfig<?>) config.getMethod("fromMap", Map.class).invoke(null, dict);
  }

  private static Object toBuilder(ModuleConfig<?> head) throws Exception {
    return head.getClass().getMethod("toBuilder").invoke(head);
  }

  private static ModuleConfig<?> build(Object builder) throws Exception {
    return (ModuleConfig<?>) builder.getClass().getMethod("build").invoke(builder);
  }
}
