package io.posekit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.testmodels.MSRAHeatmap;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the shaded {@code target/runtime.jar} after {@code package}: that it merged the
 * {@code META-INF/services} files and kept the registry metadata of every jar it bundles, and that
 * it runs.
 */
class RuntimeJarIT {
  private static final String INDEX_SERVICE = "META-INF/services/io.posekit.spi.RegistryIndex";
  private static Path runtimeJar;
  private static FileSystem shaded;

  @BeforeAll
  static void openRuntimeJar() throws IOException {
    runtimeJar = Path.of(System.getProperty("posekit.runtimeJar", "target/runtime.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(runtimeJar), "no shaded jar at " + runtimeJar);
    shaded = FileSystems.newFileSystem(runtimeJar);
  }

  @AfterAll
  static void closeRuntimeJar() throws IOException {
    shaded.close();
  }

  @Test
  void everyServiceProviderAndRegistryMetadataOfABundledJarIsInTheRuntimeJar() throws IOException {
    List<String> checked = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path location = Path.of(entry);
      if (Files.isRegularFile(location) && entry.endsWith(".jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
          checkBundled(jar.getPath("/"), entry, checked);
        }
      } else if (Files.isDirectory(location)) {
        checkBundled(location, entry, checked);
      }
    }
    // Jackson's jars list service providers; if none was checked, the test checked nothing
    assertTrue(
        checked.stream().anyMatch(name -> name.contains("jackson-core")),
        "no bundled jar with META-INF/services found on " + System.getProperty("java.class.path"));
  }

  @Test
  void listModulesRunsFromTheJar() throws Exception {
    Result result = run(List.of("-jar", runtimeJar.toString(), "list-modules"));
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.err(), result.toString());
    if (bundledIndexProviders().isEmpty()) {
      assertEquals("No modules registered: no io.posekit.spi.RegistryIndex is on the class path.\n", result.out());
    } else {
      assertTrue(result.out().matches("(?s)[A-Z_]+ \\(\\d+ modules?\\)\n.*"), result.toString());
    }

    Result unknown = run(List.of("-jar", runtimeJar.toString(), "list-modules", "MODLES"));
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().startsWith("posekit list-modules: unknown registry 'MODLES' (did you mean 'MODELS'?)"), unknown.toString());
  }

  @Test
  void listModulesFindsTheIndexOfAnotherClassPathEntry() throws Exception {
    // the test classes hold the index the processor generated for the stand-in modules
    String classPath = runtimeJar + File.pathSeparator + codeSourceOf(MSRAHeatmap.class);
    Result result = run(List.of("-cp", classPath, "io.posekit.runtime.cli.Main", "list-modules", "KEYPOINT_CODECS",
        "--scope", "posekit_test")); // the jar's own tf-models codecs are listed under mmpose
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(
        "KEYPOINT_CODECS (1 module)\n"
            + "  MSRAHeatmap  [posekit_test]\n"
            + "      input_size    tuple[int, ...]  required\n"
            + "      heatmap_size  tuple[int, ...]  required\n"
            + "      sigma         float            required\n"
            + "      unbiased      bool             = False\n",
        result.out());
  }

  /**
   * When every class of {@code root} is in the runtime jar, its service files must be merged into
   * the runtime jar's (every provider line kept) and its registry metadata copied unchanged.
   */
  private static void checkBundled(Path root, String name, List<String> checked) throws IOException {
    List<String> classes = classesUnder(root);
    if (classes.isEmpty() || !classes.stream().allMatch(c -> Files.exists(shaded.getPath(c)))) {
      return;
    }
    Path services = root.resolve("META-INF/services");
    if (Files.isDirectory(services)) {
      for (Path service : list(services)) {
        Path merged = shaded.getPath("META-INF/services", service.getFileName().toString());
        assertTrue(Files.exists(merged), name + ": " + merged + " missing from " + runtimeJar);
        List<String> mergedProviders = providers(merged);
        for (String provider : providers(service)) {
          assertTrue(
              mergedProviders.contains(provider),
              name + ": provider " + provider + " of " + service.getFileName() + " missing from " + runtimeJar);
        }
        checked.add(name);
      }
    }
    Path metadata = root.resolve("META-INF/posekit");
    if (Files.isDirectory(metadata)) {
      for (Path json : list(metadata)) {
        Path copy = shaded.getPath("META-INF/posekit", json.getFileName().toString());
        assertTrue(Files.exists(copy), name + ": " + copy + " missing from " + runtimeJar);
        assertArrayEquals(Files.readAllBytes(json), Files.readAllBytes(copy), name + ": " + copy + " differs");
      }
    }
  }

  private static List<String> classesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
          .filter(p -> !p.startsWith("META-INF/") && !p.equals("module-info.class"))
          .toList();
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** The provider lines of a service file, without comments and blanks. */
  private static List<String> providers(Path service) throws IOException {
    return Files.readAllLines(service, StandardCharsets.UTF_8).stream()
        .map(line -> line.replaceFirst("#.*", "").trim())
        .filter(line -> !line.isEmpty())
        .toList();
  }

  private static List<String> bundledIndexProviders() throws IOException {
    Path services = shaded.getPath(INDEX_SERVICE);
    return Files.exists(services) ? providers(services) : List.of();
  }

  private static Path codeSourceOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    Path err = Files.createTempFile("posekit-err", ".txt");
    try {
      Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
      return new Result(process.exitValue(), out, Files.readString(err).replace("\r\n", "\n"));
    } finally {
      Files.delete(err);
    }
  }
}
