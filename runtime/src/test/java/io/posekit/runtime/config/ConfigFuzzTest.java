package io.posekit.runtime.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The config readers under a fuzzer: Python (sandboxed, alone and as a base and a child), JSON and
 * YAML. The property of each: whatever the bytes, the load gives a config or a {@link
 * ConfigLoadException} with a message naming the file; nothing else escapes (no parser exception,
 * no StackOverflowError, no OutOfMemoryError), and Python stops within its time and memory budgets.
 * In CI the seeds in {@code ConfigFuzzTestInputs} run (Jazzer's regression mode).
 */
class ConfigFuzzTest {
  static final LoadOptions OPTIONS = LoadOptions.defaults().withoutCache().withTimeout(Duration.ofSeconds(2))
      .withMemory(64L << 20);

  static {
    // Jython's start (tens of seconds under the fuzzer's instrumentation) is not a config's time
    try {
      load("warm = 1\n", "warm.py", null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void pythonConfig(byte[] input) throws Exception {
    load(new String(input, java.nio.charset.StandardCharsets.UTF_8), "cfg.py", null);
  }

  @FuzzTest(maxDuration = "10m")
  void pythonConfigWithBase(FuzzedDataProvider data) throws Exception {
    String base = data.consumeString(4096);
    String child = "_base_ = ['base.py']\n" + data.consumeRemainingAsString();
    load(child, "cfg.py", base);
  }

  @FuzzTest(maxDuration = "10m")
  void jsonConfig(byte[] input) throws Exception {
    load(new String(input, java.nio.charset.StandardCharsets.UTF_8), "cfg.json", null);
  }

  @FuzzTest(maxDuration = "10m")
  void yamlConfig(byte[] input) throws Exception {
    load(new String(input, java.nio.charset.StandardCharsets.UTF_8), "cfg.yaml", null);
  }

  /** Loads {@code text} as {@code name} (with {@code base} as base.py beside it, if given). */
  static void load(String text, String name, String base) throws Exception {
    Path dir = Files.createTempDirectory("posekit-fuzz");
    try {
      Path file = Files.writeString(dir.resolve(name), text);
      if (base != null) {
        Files.writeString(dir.resolve("base.py"), base);
      }
      long start = System.nanoTime();
      try {
        Config.fromFile(file, OPTIONS).dict();
      } catch (ConfigLoadException e) {
        String message = e.getMessage();
        assertFalse(message == null || message.isBlank(), "a refusal without a message");
        assertTrue(message.contains(dir.toString()), "the refusal names no file: " + message);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // budgets count config code only; compiling, and a shared machine, add the rest
      assertTrue(seconds < 60, "the load ran " + seconds + " s, far past its 2 s budget");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
