package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.compile;
import static io.posekit.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Checks on one module: its class, its constructor, its parameters and their defaults. */
class ModuleChecksTest {

  /** A module {@code demo.M} whose body (from line 6 on) is {@code body}. */
  private static JavaFileObject module(String header, String body) {
    return source("demo.M", """
        package demo;

        import io.posekit.annotations.*;
        import java.util.*;
        %s
        %s
        """.formatted(header, body));
  }

  private static void assertError(JavaFileObject source, String message, int line) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(line);
  }

  @Test
  void classMustBePublic() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "final class M {}"),
        "registered module M is not public; fix: make the class public", 6);
  }

  @Test
  void classMustBeConcrete() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "public abstract class M {}"),
        "registered module M is abstract; fix: register a concrete subclass instead", 6);
  }

  @Test
  void interfacesCannotBeRegistered() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "public interface M {}"),
        "@RegisterModule is on interface M; only classes can be registered", 6);
  }

  @Test
  void enumsCannotBeRegistered() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "public enum M { A }"),
        "@RegisterModule is on enum M", 6);
  }

  @Test
  void innerClassesMustBeStatic() {
    assertError(module("", """
        public class M {
          @RegisterModule(registry = "MODELS")
          public class Inner {
            public Inner() {}
          }
        }"""),
        "registered module Inner is an inner (non-static) class; fix: make the nested class static", 8);
  }

  @Test
  void genericClassesCannotBeRegistered() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "public final class M<T> { public M() {} }"),
        "registered module M is generic", 6);
  }

  @Test
  void aPublicConstructorIsNeeded() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "public final class M { M() {} }"),
        "registered module M has no public constructor", 6);
  }

  @Test
  void severalPublicConstructorsNeedOneMarked() {
    assertError(
        module("@RegisterModule(registry = \"MODELS\")", "public final class M { public M() {} public M(int a) {} }"),
        "registered module M has 2 public constructors and none is marked @ConfigConstructor", 6);
  }

  @Test
  void theMarkedConstructorIsUsed() {
    Compilation compilation = compile(module("@RegisterModule(registry = \"MODELS\")", """
        public final class M {
          public M() {}
          @ConfigConstructor public M(int a) {}
        }"""));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.MConfigSpec").contentsAsUtf8String()
        .contains("List.of(\"a\")");
  }

  @Test
  void unsupportedParameterTypeSaysWhatIsSupported() {
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")", """
        public final class M {
          public M(int fine,
                   Set<String> names) {}
        }""");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("unsupported parameter type java.util.Set<java.lang.String>")
        .inFile(source).onLine(8);
    assertThat(compilation).hadErrorContaining("supported are boolean, int, long, float, double");
  }

  @Test
  void charIsNotAConfigType() {
    assertError(module("@RegisterModule(registry = \"MODELS\")", "public final class M { public M(char c) {} }"),
        "unsupported parameter type char", 6);
  }

  @Test
  void mapKeysMustBeStrings() {
    assertError(
        module("@RegisterModule(registry = \"MODELS\")", "public final class M { public M(Map<Integer, String> m) {} }"),
        "config dicts need String keys", 6);
  }

  @Test
  void defaultMustParseAsTheParameterType() {
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")", """
        public final class M {
          public M(@Param(defaultValue = "'abc'") int size) {}
        }""");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining("default value 'abc' of 'size' does not parse as int: a str is not a int")
        .inFile(source).onLine(7);
    assertThat(compilation).hadErrorContaining("write the default as a Python literal of int (e.g. 1)");
  }

  @Test
  void defaultMustBeAPythonLiteral() {
    assertError(module("@RegisterModule(registry = \"MODELS\")",
            "public final class M { public M(@Param(defaultValue = \"[1, 2\") List<Integer> a) {} }"),
        "is not a Python literal: expected ',' or ']'", 6);
  }

  @Test
  void tupleElementsMustHaveTheArrayElementType() {
    assertError(module("@RegisterModule(registry = \"MODELS\")",
            "public final class M { public M(@Param(defaultValue = \"(192, 'x')\") int[] inputSize) {} }"),
        "default value (192, 'x') of 'inputSize' does not parse as tuple[int, ...]: a str is not a int", 6);
  }

  @Test
  void enumDefaultMustNameAConfigValue() {
    JavaFileObject mode = source("demo.Mode", """
        package demo;

        public enum Mode { @io.posekit.annotations.ConfigValue("heatmap") HEATMAP }
        """);
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")",
        "public final class M { public M(@Param(defaultValue = \"'HEATMAP'\") Mode mode) {} }");
    Compilation compilation = compile(mode, source);
    assertThat(compilation).hadErrorContaining("'HEATMAP' is not a config value of Mode; one of [heatmap] is needed")
        .inFile(source).onLine(6);
  }

  @Test
  void noneDefaultNeedsNullable() {
    assertError(module("@RegisterModule(registry = \"MODELS\")",
            "public final class M { public M(@Param(defaultValue = \"None\") String a) {} }"),
        "None is not a str; make the parameter @Nullable or Optional", 6);
  }

  @Test
  void componentDefaultMustNameARegisteredModule() {
    JavaFileObject loss = source("demo.Loss", "package demo; public interface Loss {}");
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")",
        "public final class M { public M(@Param(defaultValue = \"dict(type='Nope')\") Loss loss) {} }");
    Compilation compilation = compile(loss, source);
    assertThat(compilation).hadErrorContaining("no registered Loss is named 'Nope'").inFile(source).onLine(6);
    assertThat(compilation).hadErrorContaining("make the parameter Optional or @Nullable");
  }

  @Test
  void twoParametersCannotShareAKey() {
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")", """
        public final class M {
          public M(int lossWeight,
                   @Param(name = "loss_weight") int weight) {}
        }""");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining("parameters 'lossWeight' and 'weight' both map to the config key 'loss_weight'")
        .inFile(source).onLine(8);
  }

  @Test
  void typeIsAReservedKey() {
    assertError(module("@RegisterModule(registry = \"MODELS\")",
            "public final class M { public M(@Param(name = \"type\") String kind) {} }"),
        "parameter 'kind' has the config key 'type', which names the module in every dict", 6);
  }

  @Test
  void providedParametersTakeNoParam() {
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")", """
        public final class M {
          public M(@Provided
                   @Param(name = "x") String meta) {}
        }""");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining("@Provided parameter 'meta' cannot also carry @Param")
        .inFile(source).onLine(8);
  }

  @Test
  void accessorNamesMustNotClashWithConfigMethods() {
    JavaFileObject source = module("@RegisterModule(registry = \"MODELS\")", """
        public final class M {
          public M(String scope) {}
        }""");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining("parameter name 'scope' clashes with the method scope() of the generated config")
        .inFile(source).onLine(7);
    assertThat(compilation).hadErrorContaining("keep its key with @Param(name = \"scope\")");
  }

  @Test
  void optionalTakesNoDefaultButNone() {
    assertError(module("@RegisterModule(registry = \"MODELS\")",
            "public final class M { public M(@Param(defaultValue = \"3\") Optional<Integer> a) {} }"),
        "an Optional is empty when the key is missing, so its only default is None", 6);
  }
}
