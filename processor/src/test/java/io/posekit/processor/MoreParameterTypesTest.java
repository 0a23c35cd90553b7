package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.source;
import static io.posekit.processor.GeneratedConfigTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.testing.compile.Compilation;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.Tuple;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maps of components, nullable components, Object, long, String tuples and generic provided values. */
class MoreParameterTypesTest {
  @TempDir Path temp;

  @Test
  void composeTakesEveryRemainingKindOfParameter() throws Exception {
    Compilation compilation = Fixtures.compile(
        source("demo.Step", "package demo; public interface Step {}"),
        source("demo.Nullable", """
            package demo;

            @java.lang.annotation.Target({java.lang.annotation.ElementType.PARAMETER,
                java.lang.annotation.ElementType.METHOD, java.lang.annotation.ElementType.FIELD})
            public @interface Nullable {}
            """),
        source("demo.Noop", """
            package demo;

            @io.posekit.annotations.RegisterModule(registry = "TRANSFORMS")
            public final class Noop implements Step {
              public Noop() {}
            }
            """),
        source("demo.Compose", """
            package demo;

            import io.posekit.annotations.*;
            import java.util.*;

            @RegisterModule(registry = "TRANSFORMS")
            public final class Compose implements Step {
              public final Map<String, Step> named;
              public final Step fallback;
              public final Object extra;
              public final long seed;
              public final String[] keys;
              public final List<String> classes;

              public Compose(
                  @Param(defaultValue = "{}") Map<String, Step> named,
                  @Nullable Step fallback,
                  @Param(defaultValue = "dict(a=[1, (2, 3)], b=None)") Object extra,
                  @Param(defaultValue = "12345678901") long seed,
                  @Param(defaultValue = "('img', 'mask')") String[] keys,
                  @Provided List<String> classes) {
                this.named = named;
                this.fallback = fallback;
                this.extra = extra;
                this.seed = seed;
                this.keys = keys;
                this.classes = classes;
              }
            }
            """));
    assertThat(compilation).succeededWithoutWarnings();
    try (URLClassLoader loader = GeneratedClasses.load(compilation, temp)) {
      Class<?> config = loader.loadClass("demo.ComposeConfig");
      Object builder = config.getMethod("builder").invoke(null);
      ModuleConfig<?> noop = (ModuleConfig<?>) loader.loadClass("demo.NoopConfig").getMethod("fromMap", Map.class)
          .invoke(null, Map.of());
      builder.getClass().getMethod("putNamed", String.class, ModuleConfig.class).invoke(builder, "first", noop);
      ModuleConfig<?> compose = (ModuleConfig<?>) builder.getClass().getMethod("build").invoke(builder);
      assertEquals(
          map("type", "Compose", "named", map("first", map("type", "Noop")), "fallback", null,
              "extra", map("a", List.of(1, Tuple.of(2, 3)), "b", null), "seed", 12345678901L,
              "keys", Tuple.of("img", "mask")),
          compose.toMap());
      Object built = compose.build(BuildContext.of(Map.of("classes", List.of("person"))));
      Map<?, ?> named = (Map<?, ?>) built.getClass().getField("named").get(built);
      assertEquals("demo.Noop", named.get("first").getClass().getName());
      assertNull(built.getClass().getField("fallback").get(built));
      assertEquals(List.of("person"), built.getClass().getField("classes").get(built));
    }
  }
}
