package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A later compilation sees the index of a jar on its classpath: names, registries and base types. */
class ClasspathIndexTest {
  @TempDir static Path temp;
  static Path pluginJar;

  @BeforeAll
  static void buildPluginJar() throws IOException {
    Compilation plugin = Fixtures.compile(
        source("plugin.Hook", """
            package plugin;

            @io.posekit.annotations.DeclareRegistry("PLUGIN_HOOKS")
            public interface Hook {}
            """),
        source("plugin.MSELoss", """
            package plugin;

            @io.posekit.annotations.RegisterModule(registry = "MODELS")
            public final class MSELoss {
              public MSELoss() {}
            }
            """));
    assertThat(plugin).succeededWithoutWarnings();
    Path classes = GeneratedClasses.writeTo(plugin, Files.createDirectories(temp.resolve("classes")));
    pluginJar = temp.resolve("posekit-plugin-1.0.jar");
    jar(classes, pluginJar);
  }

  private static Compilation compileAgainstPlugin(JavaFileObject... sources) {
    return Fixtures.compiler().withClasspath(classpathWithPlugin()).compile(sources);
  }

  @Test
  void duplicateOfAModuleInAJarNamesTheJar() {
    JavaFileObject module = source("app.MSELoss", """
        package app;

        @io.posekit.annotations.RegisterModule(registry = "MODELS")
        public final class MSELoss {
          public MSELoss() {}
        }
        """);
    Compilation compilation = compileAgainstPlugin(module);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("duplicate name 'MSELoss' in registry MODELS (scope mmengine) is already registered by plugin.MSELoss in "
            + pluginJar)
        .inFile(module)
        .onLine(3);
    assertThat(compilation).hadErrorContaining("set force = true to replace it on purpose");
  }

  @Test
  void forceReplacesTheJarsModuleWithANote() {
    JavaFileObject module = source("app.MSELoss", """
        package app;

        @io.posekit.annotations.RegisterModule(registry = "MODELS", force = true)
        public final class MSELoss {
          public MSELoss() {}
        }
        """);
    Compilation compilation = compileAgainstPlugin(module);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining("force = true replaces it").inFile(module).onLine(4);
  }

  @Test
  void registryDeclaredInTheJarIsKnownWithItsBaseType() {
    JavaFileObject good = source("app.Good", """
        package app;

        @io.posekit.annotations.RegisterModule(registry = "PLUGIN_HOOKS")
        public final class Good implements plugin.Hook {
          public Good() {}
        }
        """);
    assertThat(compileAgainstPlugin(good)).succeededWithoutWarnings();
    JavaFileObject bad = source("app.Bad", """
        package app;

        @io.posekit.annotations.RegisterModule(registry = "PLUGIN_HOOKS")
        public final class Bad {
          public Bad() {}
        }
        """);
    Compilation compilation = compileAgainstPlugin(bad);
    assertThat(compilation)
        .hadErrorContaining("module Bad is registered in PLUGIN_HOOKS but does not implement plugin.Hook")
        .inFile(bad)
        .onLine(4);
  }

  @Test
  void componentDefaultMayNameAModuleOfTheJar() {
    JavaFileObject head = source("app.Head", """
        package app;

        @io.posekit.annotations.RegisterModule(registry = "MODELS")
        public final class Head {
          public Head(@io.posekit.annotations.Param(defaultValue = "dict(type='MSELoss')") plugin.MSELoss loss) {}
        }
        """);
    Compilation compilation = compileAgainstPlugin(head);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("app.HeadConfigSpec").contentsAsUtf8String()
        .contains("MSELossConfig.fromMap(");
  }

  private static List<java.io.File> classpathWithPlugin() {
    List<java.io.File> out = new java.util.ArrayList<>();
    out.add(pluginJar.toFile());
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      out.add(new java.io.File(entry));
    }
    return out;
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }
}
