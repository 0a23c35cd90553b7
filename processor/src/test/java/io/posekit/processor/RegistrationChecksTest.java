package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.compile;
import static io.posekit.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Checks that look at registrations together: names, registries, base types. */
class RegistrationChecksTest {
  private static final JavaFileObject LOSS = source("demo.Loss", """
      package demo;

      public interface Loss {}
      """);

  @Test
  void duplicateNameInOneRegistryAndScope() {
    JavaFileObject first = source("demo.A", """
        package demo;

        import io.posekit.annotations.RegisterModule;

        @RegisterModule(registry = "MODELS", name = "MSELoss")
        public final class A implements Loss {
          public A() {}
        }
        """);
    JavaFileObject second = source("demo.B", """
        package demo;

        import io.posekit.annotations.RegisterModule;

        @RegisterModule(registry = "MODELS", aliases = {"MSELoss"})
        public final class B implements Loss {
          public B() {}
        }
        """);
    Compilation compilation = compile(LOSS, first, second);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("duplicate name 'MSELoss' in registry MODELS (scope mmengine): demo.A is registered under it too")
        .inFile(second)
        .onLine(5);
  }

  @Test
  void sameNameInAnotherScopeIsFine() {
    JavaFileObject first = source("demo.A", """
        package demo;

        @io.posekit.annotations.RegisterModule(registry = "MODELS", name = "X", scope = "mmpose")
        public final class A {
          public A() {}
        }
        """);
    JavaFileObject second = source("demo.B", """
        package demo;

        @io.posekit.annotations.RegisterModule(registry = "MODELS", name = "X")
        public final class B {
          public B() {}
        }
        """);
    assertThat(compile(first, second)).succeededWithoutWarnings();
  }

  @Test
  void unknownRegistrySuggestsTheClosestName() {
    JavaFileObject module = source("demo.A", """
        package demo;

        import io.posekit.annotations.RegisterModule;

        @RegisterModule(
            registry = "MODEL")
        public final class A {
          public A() {}
        }
        """);
    Compilation compilation = compile(module);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("unknown registry 'MODEL', did you mean 'MODELS'?")
        .inFile(module)
        .onLine(6);
    assertThat(compilation).hadErrorContaining("declare it with @DeclareRegistry(\"MODEL\")");
  }

  @Test
  void registryDeclaredInTheCompilationIsKnown() {
    JavaFileObject declaration = source("demo.Plugins", """
        package demo;

        @io.posekit.annotations.DeclareRegistry("PLUGINS")
        public final class Plugins {}
        """);
    JavaFileObject module = source("demo.A", """
        package demo;

        @io.posekit.annotations.RegisterModule(registry = "PLUGINS")
        public final class A {
          public A() {}
        }
        """);
    assertThat(compile(declaration, module)).succeededWithoutWarnings();
  }

  @Test
  void moduleMustImplementTheBaseTypeOfItsRegistry() {
    JavaFileObject hook = source("demo.Hook", """
        package demo;

        @io.posekit.annotations.DeclareRegistry("HOOKS")
        public interface Hook {}
        """);
    JavaFileObject module = source("demo.LoggerHook", """
        package demo;

        @io.posekit.annotations.RegisterModule(registry = "HOOKS")
        public final class LoggerHook {
          public LoggerHook() {}
        }
        """);
    Compilation compilation = compile(hook, module);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("module LoggerHook is registered in HOOKS but does not implement demo.Hook")
        .inFile(module)
        .onLine(4);
    assertThat(compilation).hadErrorContaining("implement Hook, or register it in another registry");
  }
}
