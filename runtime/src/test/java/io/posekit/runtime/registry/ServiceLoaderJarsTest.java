package io.posekit.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real plugin jars, each with a registry index listed for ServiceLoader, found through a class
 * loader the way the runtime finds them: a name both register is an error naming both jars, and
 * {@code force} in one of them settles it.
 */
class ServiceLoaderJarsTest {
  @TempDir Path dir;

  @Test
  void aNameRegisteredByTwoJarsNamesBothJars() throws IOException {
    Path first = pluginJar("first", "FirstIndex", false);
    Path second = pluginJar("second", "SecondIndex", false);
    try (URLClassLoader loader = loader(first, second)) {
      RegistryConflictException e = assertThrows(RegistryConflictException.class, () -> Registry.load(loader));
      assertTrue(e.getMessage().contains("Conflicting"), e.getMessage());
      assertTrue(e.getMessage().contains(first.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(second.toString()), e.getMessage());
    }
  }

  @Test
  void forceInOneJarWins() throws IOException {
    Path first = pluginJar("first", "FirstIndex", false);
    Path second = pluginJar("second", "SecondIndex", true);
    try (URLClassLoader loader = loader(first, second)) {
      Registry registry = Registry.load(loader);
      RegisteredModule winner = registry.find("MODELS", "jartest.Conflicting").orElseThrow();
      assertEquals("plugin.second.Conflicting", winner.entry().moduleClass());
      assertTrue(winner.source().origin().contains(second.getFileName().toString()), winner.source().origin());
    }
  }

  private URLClassLoader loader(Path... jars) throws IOException {
    URL[] urls = Stream.of(jars).map(ServiceLoaderJarsTest::url).toArray(URL[]::new);
    return new URLClassLoader(urls, ServiceLoaderJarsTest.class.getClassLoader());
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A jar holding one hand-written index that registers MODELS jartest.Conflicting. */
  private Path pluginJar(String pkg, String indexName, boolean force) throws IOException {
    Path src = Files.createDirectories(dir.resolve(pkg + "-src"));
    Path classes = Files.createDirectories(dir.resolve(pkg + "-classes"));
    String fqcn = "plugin." + pkg + "." + indexName;
    Path source = src.resolve(indexName + ".java");
    Files.writeString(source, """
        package plugin.%s;

        import io.posekit.spi.DictReader;
        import io.posekit.spi.ModuleConfig;
        import io.posekit.spi.ModuleEntry;
        import io.posekit.spi.RegistryDeclaration;
        import io.posekit.spi.RegistryIndex;
        import java.util.List;

        public final class %s implements RegistryIndex {
          public List<ModuleEntry> modules() {
            return List.of(new ModuleEntry(0, "MODELS", "jartest", "Conflicting", List.of(), %s,
                "plugin.%s.Conflicting", "plugin.%s.ConflictingConfig", List.of("java.lang.Object")));
          }
          public List<RegistryDeclaration> registries() { return List.of(); }
          public ModuleConfig<?> read(ModuleEntry entry, DictReader dict) {
            throw new IllegalStateException("not read by this test");
          }
          public String metadataResource() { return "META-INF/posekit/%s.json"; }
        }
        """.formatted(pkg, indexName, force, pkg, pkg, indexName));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), source.toString());
    assertEquals(0, status, "javac failed on the plugin index");
    Path jar = dir.resolve(pkg + ".jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      String classFile = fqcn.replace('.', '/') + ".class";
      out.putNextEntry(new JarEntry(classFile));
      out.write(Files.readAllBytes(classes.resolve(classFile)));
      out.putNextEntry(new JarEntry("META-INF/services/io.posekit.spi.RegistryIndex"));
      out.write((fqcn + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  @Test
  void theJarsAreReallySeparate() throws IOException {
    Path first = pluginJar("first", "FirstIndex", false);
    try (URLClassLoader loader = loader(first)) {
      List<String> origins = Registry.load(loader).sources().stream().map(IndexSource::origin).toList();
      assertTrue(origins.stream().anyMatch(o -> o.contains("first.jar")), origins.toString());
    }
  }
}
