package io.posekit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cold {@code java -jar runtime.jar print-config CONFIG}, each run a fresh JVM, as a user types it:
 * first runs (empty config cache: JVM, Jython, every file of the {@code _base_} chain) and
 * repeated runs (the cache entry of the first run is current). Prints min and median wall time of
 * each, and checks that both print the same text.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.posekit.benchmarks.PrintConfigColdStart
 *     runtime/target/runtime.jar CONFIG [RUNS] [JVM_OPTION ...]</pre>
 */
public final class PrintConfigColdStart {
  private PrintConfigColdStart() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: PrintConfigColdStart RUNTIME_JAR CONFIG [RUNS] [JVM_OPTION ...]");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    Path config = Path.of(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> jvmOptions = args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of();
    Path work = Files.createTempDirectory("posekit-coldstart");
    try {
      double[] first = new double[runs];
      String firstOutput = null;
      for (int i = 0; i < runs; i++) {
        Path emptyCache = Files.createDirectory(work.resolve("first-" + i));
        Run run = run(jar, config, emptyCache, jvmOptions, work);
        first[i] = run.millis();
        firstOutput = run.output();
      }
      Path cache = Files.createDirectory(work.resolve("repeated"));
      run(jar, config, cache, jvmOptions, work); // writes the entry
      double[] repeated = new double[runs];
      for (int i = 0; i < runs; i++) {
        Run run = run(jar, config, cache, jvmOptions, work);
        repeated[i] = run.millis();
        if (!run.output().equals(firstOutput)) {
          throw new IllegalStateException("a cached print-config printed something else than an uncached one");
        }
      }
      System.out.printf("print-config %s, %d runs each, JVM options %s%n", config.getFileName(), runs, jvmOptions);
      System.out.printf("  first run (empty cache):    min %6.0f ms, median %6.0f ms%n", min(first), median(first));
      System.out.printf("  repeated run (cache entry): min %6.0f ms, median %6.0f ms%n", min(repeated), median(repeated));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Run(double millis, String output) {}

  private static Run run(Path jar, Path config, Path cacheDir, List<String> jvmOptions, Path work)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "print-config", config.toString()));
    Path out = work.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("POSEKIT_CACHE_DIR", cacheDir.toString());
    builder.environment().remove("POSEKIT_NO_CACHE");
    long start = System.nanoTime();
    int exit = builder.start().waitFor();
    double millis = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException("print-config exited with " + exit);
    }
    return new Run(millis, Files.readString(out));
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
