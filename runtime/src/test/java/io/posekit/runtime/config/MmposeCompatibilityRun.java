package io.posekit.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A program, not a test: loads every {@code .py} under MMPose's {@code configs/} (argument 1, or
 * POSEKIT_MMPOSE_CONFIGS) in one JVM, four times (a cold pass, then three warm passes), and prints how many load,
 * why the others do not, and the times. {@code mmpose::} bases resolve against the same tree.
 * Run: see docs/benchmarks.md, "Config loading".
 */
public final class MmposeCompatibilityRun {
  private MmposeCompatibilityRun() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : System.getenv("POSEKIT_MMPOSE_CONFIGS")).toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
    LoadOptions options = LoadOptions.defaults().withEnvironment(Map.of()).withScopeRoots(Map.of("mmpose", root));
    for (String pass : List.of("cold", "warm 1", "warm 2", "warm 3")) {
      Map<String, List<String>> failures = new TreeMap<>();
      List<Double> millis = new ArrayList<>();
      String slowest = "";
      double slowestMillis = -1;
      long start = System.nanoTime();
      for (Path file : files) {
        long t0 = System.nanoTime();
        try {
          Config.fromFile(file, options);
          double ms = (System.nanoTime() - t0) / 1e6;
          millis.add(ms);
          if (ms > slowestMillis) {
            slowestMillis = ms;
            slowest = root.relativize(file).toString();
          }
        } catch (RuntimeException e) {
          String reason = String.valueOf(e.getMessage()).lines().skip(1).findFirst()
              .orElse(String.valueOf(e.getMessage())).replace(root.toString() + "/", "").trim();
          reason = reason.replaceFirst("^\\S+\\.py(:\\d+)?( \\(via [^)]*\\))?: ", "");
          failures.computeIfAbsent(e.getClass().getSimpleName() + ": " + reason, k -> new ArrayList<>())
              .add(root.relativize(file).toString());
        }
      }
      double total = (System.nanoTime() - start) / 1e9;
      List<Double> sorted = millis.stream().sorted().toList();
      double median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
      System.out.printf("%s pass: %d of %d load; total %.2f s, median %.1f ms, max %.0f ms (%s)%n", pass,
          millis.size(), files.size(), total, median, slowestMillis, slowest);
      failures.forEach((reason, which) -> System.out.println("  " + which.size() + " x " + reason + "  e.g. " + which.get(0)));
    }
  }
}
