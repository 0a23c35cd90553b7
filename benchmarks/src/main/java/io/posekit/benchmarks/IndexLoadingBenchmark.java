package io.posekit.benchmarks;

import io.posekit.runtime.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up cost of the registry: ServiceLoader finds the generated index of a jar of N registered
 * modules and the Registry merges it. Set-up writes N module sources and compiles them with the
 * real processor (and Immutables); every measured call loads the index through a fresh class
 * loader, as a new JVM would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IndexLoadingBenchmark {
  @Param({"500"})
  public int modules;

  private URL[] classes;

  @Setup
  public void compileModules() throws IOException {
    Path root = Files.createTempDirectory("posekit-index-bench");
    Path sources = Files.createDirectories(root.resolve("src/bench/generated"));
    Path out = Files.createDirectories(root.resolve("classes"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < modules; i++) {
      Path file = sources.resolve("Module" + i + ".java");
      try (Writer w = Files.newBufferedWriter(file)) {
        w.write(moduleSource(i));
      }
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of(
        "-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
        "-Aposekit.scope=mmpose", "-nowarn"));
    args.addAll(files);
    int status = javac.run(null, null, System.err, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed (" + status + ") compiling the benchmark modules");
    }
    classes = new URL[] {out.toUri().toURL()};
    int found = load().modules("MODELS").size();
    if (found < modules) {
      throw new IllegalStateException("the registry lists " + found + " MODELS, not " + modules);
    }
  }

  @Benchmark
  public Registry loadIndex() {
    return load();
  }

  private Registry load() {
    try (URLClassLoader loader = new URLClassLoader(classes, IndexLoadingBenchmark.class.getClassLoader())) {
      return Registry.load(loader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A module with the parameter mix of a typical MMPose component. */
  private static String moduleSource(int i) {
    return """
        package bench.generated;

        import io.posekit.annotations.Param;
        import io.posekit.annotations.RegisterModule;
        import io.posekit.annotations.Registries;
        import java.util.List;

        @RegisterModule(registry = Registries.MODELS)
        public final class Module%d {
          public Module%d(
              int inChannels,
              @Param(defaultValue = "17") int outChannels,
              @Param(defaultValue = "(256, 256, 256)") int[] deconvOutChannels,
              @Param(defaultValue = "2.0") double sigma,
              @Param(defaultValue = "'heatmap'") String mode,
              @Param(defaultValue = "[1, 2, 3]") List<Integer> outIndices,
              @Param(defaultValue = "False") boolean unbiased) {}
        }
        """.formatted(i, i);
  }
}
