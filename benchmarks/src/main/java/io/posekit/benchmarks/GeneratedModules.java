package io.posekit.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A directory of N registered modules compiled with the real processor (and Immutables), as a
 * plugin jar would hold them. Compiled once per N and reused by later runs and forks, since
 * compiling 500 modules takes far longer than what the benchmarks measure.
 */
final class GeneratedModules {
  /** Bump when {@link #moduleSource} changes, so a stale cache is not reused. */
  private static final int SOURCE_VERSION = 1;

  private GeneratedModules() {}

  /** The class directory holding {@code count} modules and their registry index. */
  static URL[] compiled(int count) throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"),
        "posekit-bench-modules-" + count + "-v" + SOURCE_VERSION);
    Path out = root.resolve("classes");
    Path done = root.resolve("done");
    if (!Files.exists(done)) {
      compile(count, root, out);
      Files.writeString(done, "ok\n");
    }
    return new URL[] {out.toUri().toURL()};
  }

  private static void compile(int count, Path root, Path out) throws IOException {
    Path sources = Files.createDirectories(root.resolve("src/bench/generated"));
    Files.createDirectories(out);
    List<String> args = new ArrayList<>(List.of(
        "-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
        "-Aposekit.scope=mmpose", "-nowarn"));
    for (int i = 0; i < count; i++) {
      Path file = sources.resolve("Module" + i + ".java");
      try (Writer w = Files.newBufferedWriter(file)) {
        w.write(moduleSource(i));
      }
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, System.err, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed (" + status + ") compiling the benchmark modules");
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
