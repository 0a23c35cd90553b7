package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.posekit.spi.ModuleEntry;
import io.posekit.spi.RegistryDeclaration;
import io.posekit.spi.RegistryIndex;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index class, its {@code @IndexContents}, service file and metadata JSON. */
class IndexArtifactsTest {
  @TempDir Path temp;

  private static final String INDEX = "io.posekit.generated.index.Index_demo_b49c0a8a";

  @Test
  void indexIsNamedByPackageAndHashAndListedAsAService() {
    Compilation compilation = Fixtures.compile(Fixtures.pose().toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/io.posekit.spi.RegistryIndex")
        .contentsAsUtf8String()
        .isEqualTo(INDEX + "\n");
    assertThat(compilation).generatedSourceFile(INDEX).contentsAsUtf8String().contains(
        "@IndexContents(\n"
            + "    modules = {\"MODELS/mmengine/KeypointMSELoss/demo.KeypointMSELoss/false\","
            + " \"CODECS/mmpose/MSRAHeatmap/demo.MSRAHeatmap/false\","
            + " \"TRANSFORMS/mmengine/RandomFlip/demo.RandomFlip/false\","
            + " \"TRANSFORMS/mmengine/Flip/demo.RandomFlip/false\","
            + " \"MODELS/mmpose/HeatmapHead/demo.HeatmapHead/false\"},\n"
            + "    registries = {\"CODECS/demo.Codec\"}\n)");
  }

  @Test
  void metadataDescribesEveryModuleAndParameter() throws Exception {
    Compilation compilation = Fixtures.compile(Fixtures.pose().toArray(new JavaFileObject[0]));
    Path metadata = GeneratedClasses.writeTo(compilation, temp).resolve("META-INF/posekit/Index_demo_b49c0a8a.json");
    String json = Files.readString(metadata, StandardCharsets.UTF_8);
    assertContains(json, """
        "registry" : "MODELS",
            "name" : "KeypointMSELoss",
            "scope" : "mmengine",
            "aliases" : [ ],
            "force" : false,
            "class" : "demo.KeypointMSELoss",
            "config_class" : "demo.KeypointMSELossConfig",
            "doc" : "MSE loss between heatmaps.",
            "params" : [ {
              "key" : "use_target_weight",
              "java_name" : "useTargetWeight",
              "type" : "bool",
              "java_type" : "boolean",
              "default" : "False",
              "required" : false,
              "nullable" : false,
              "provided" : false,
              "doc" : "whether keypoints are weighted by their target weight."
            }""");
    assertContains(json, """
              "key" : "input_size",
                  "java_name" : "inputSize",
                  "type" : "tuple[int, ...]",
                  "java_type" : "int[]",
                  "default" : "(192, 256)",""");
    assertContains(json, """
              "key" : "in_channels",
                  "java_name" : "inChannels",
                  "type" : "int",
                  "java_type" : "int",
                  "default" : null,
                  "required" : true,""");
    assertContains(json, """
              "key" : "dataset_meta",
                  "java_name" : "datasetMeta",
                  "type" : "demo.DatasetMeta",
                  "java_type" : "demo.DatasetMeta",
                  "default" : null,
                  "required" : false,
                  "nullable" : false,
                  "provided" : true,""");
    assertContains(json, """
          "registries" : [ {
            "name" : "CODECS",
            "base_type" : "demo.Codec"
          } ]""");
  }

  /** Whether {@code json} holds {@code expected}, whitespace aside (the pretty printer's indentation varies). */
  private static void assertContains(String json, String expected) {
    String flat = json.replaceAll("\\s+", " ");
    assertTrue(flat.contains(expected.replaceAll("\\s+", " ").trim()), json);
  }

  @Test
  void declaredRegistriesAloneStillGetAnIndex() throws Exception {
    Compilation compilation = Fixtures.compiler()
        .withOptions("-Aposekit.index=Index_hooks")
        .compile(source("demo.Hook", """
            package demo;

            @io.posekit.annotations.DeclareRegistry("HOOKS")
            public interface Hook {}
            """));
    assertThat(compilation).succeeded();
    try (URLClassLoader loader = GeneratedClasses.load(compilation, temp)) {
      RegistryIndex index = (RegistryIndex) loader.loadClass("io.posekit.generated.index.Index_hooks")
          .getConstructor().newInstance();
      assertEquals(List.of(), index.modules());
      assertEquals(List.of(new RegistryDeclaration("HOOKS", "demo.Hook")), index.registries());
      assertEquals("META-INF/posekit/Index_hooks.json", index.metadataResource());
    }
  }

  @Test
  void scopeComesFromThePackageThenTheOption() throws Exception {
    JavaFileObject packageInfo = source("scoped.package-info", """
        @io.posekit.annotations.ModuleScope("mmdet")
        package scoped;
        """);
    JavaFileObject scoped = source("scoped.A", """
        package scoped;

        @io.posekit.annotations.RegisterModule(registry = "MODELS")
        public final class A {
          public A() {}
        }
        """);
    JavaFileObject plain = source("plain.B", """
        package plain;

        @io.posekit.annotations.RegisterModule(registry = "MODELS")
        public final class B {
          public B() {}
        }
        """);
    Compilation compilation = Fixtures.compiler()
        .withOptions("-Aposekit.scope=mmpose", "-Aposekit.index=Index_scopes")
        .compile(packageInfo, scoped, plain);
    assertThat(compilation).succeeded();
    try (URLClassLoader loader = GeneratedClasses.load(compilation, temp)) {
      RegistryIndex index = (RegistryIndex) loader.loadClass("io.posekit.generated.index.Index_scopes")
          .getConstructor().newInstance();
      assertEquals(List.of("mmdet.A", "mmpose.B"), index.modules().stream().map(ModuleEntry::qualifiedName).toList());
    }
  }

  @Test
  void largeIndexesAreSplitIntoChunkedMethods() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    int count = 520;
    IntStream.range(0, count).forEach(i -> sources.add(source("many.M" + i, """
        package many;

        @io.posekit.annotations.RegisterModule(registry = "MODELS")
        public final class M%d {
          public M%d(@io.posekit.annotations.Param(defaultValue = "%d") int value) {}
        }
        """.formatted(i, i, i))));
    Compilation compilation = Fixtures.compiler().withOptions("-Aposekit.index=Index_many").compile(sources);
    assertThat(compilation).succeeded();
    try (URLClassLoader loader = GeneratedClasses.load(compilation, temp)) {
      RegistryIndex index = (RegistryIndex) loader.loadClass("io.posekit.generated.index.Index_many")
          .getConstructor().newInstance();
      assertEquals(count, index.modules().size());
      ModuleEntry last = index.modules().get(count - 1);
      assertEquals("M519", last.name());
      io.posekit.spi.ConfigReader reader = io.posekit.spi.ConfigReader.withoutRegistry();
      assertEquals("dict(type='M519', value=519)",
          index.read(last, reader.dict(java.util.Map.of(), io.posekit.spi.KeyPath.root(), "M519")).toString());
    }
    assertThat(compilation).generatedSourceFile("io.posekit.generated.index.Index_many").contentsAsUtf8String()
        .contains("private static void addModules10(List<ModuleEntry> out)");
  }
}
