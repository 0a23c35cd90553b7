package io.posekit.benchmarks;

import io.posekit.runtime.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.TimeUnit;
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
 * Start-up cost of the registry: ServiceLoader finds the generated index of N registered modules
 * and the Registry merges it. {@link #coldStart} is the first load in a fresh JVM (what a user
 * waits for at start-up); {@link #freshClassLoader} repeats the load through a new class loader in
 * a warm JVM (class loading and merging without JIT warm-up).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IndexLoadingBenchmark {
  @Param({"500"})
  public int modules;

  private URL[] classes;

  @Setup
  public void compileModules() throws IOException {
    classes = GeneratedModules.compiled(modules);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public Registry coldStart() {
    return load(modules);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(1)
  public Registry freshClassLoader() {
    return load(modules);
  }

  private Registry load(int expected) {
    try (URLClassLoader loader = new URLClassLoader(classes, IndexLoadingBenchmark.class.getClassLoader())) {
      Registry registry = Registry.load(loader);
      if (registry.modules("MODELS").size() < expected) {
        throw new IllegalStateException("the registry lists fewer than " + expected + " MODELS");
      }
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
