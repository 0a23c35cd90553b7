package io.posekit.runtime.config.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.ConfigList;
import io.posekit.spi.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Mutates Python source around the escape corpus (the seeds in {@code
 * SandboxEscapeFuzzTestInputs/escapeAttempts}, also {@link EscapeCorpusTest}'s corpus) and fails
 * on any observable escape: a file outside the config's folder, a connection to a listening port,
 * a child process, internals in the message or the output, a Java object in the loaded config, an
 * exception other than {@code ConfigLoadException}, or a load past its budgets. {@code JAZZER_FUZZ=1}
 * fuzzes (docs/security.md); in CI {@link EscapeCorpusTest} runs the seed folder instead.
 */
class SandboxEscapeFuzzTest {
  static {
    // Jython's start (tens of seconds under the fuzzer's instrumentation) is not a config's time
    try {
      EscapeCorpusTest.attempt("warm = 1\n", "warm.py");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void escapeAttempts(byte[] input) throws Exception {
    // in regression mode EscapeCorpusTest runs every file of the seed folder (findings included)
    // with these checks and the expected messages besides: running them twice only costs CI time
    // (Jazzer counts a failed assumption as a finding, so this returns instead)
    if (System.getenv("JAZZER_FUZZ") == null || System.getenv("JAZZER_FUZZ").isEmpty()) {
      return;
    }
    String source = new String(input, StandardCharsets.UTF_8);
    EscapeCorpusTest.Outcome outcome = EscapeCorpusTest.attempt(source, "fuzzed.py");
    assertEquals(List.of(), outcome.traces(), source);
    if (outcome.loaded() != null) {
      onlyConfigValues(outcome.loaded());
    }
    if (outcome.seconds() > 60) {
      throw new AssertionError("the load ran " + outcome.seconds() + " s, far past its 3 s budget:\n" + source);
    }
  }

  /** A loaded config holds config values only: no Java object reached from the sandbox. */
  static void onlyConfigValues(Object value) {
    if (value instanceof ConfigDict || value instanceof Map<?, ?>) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        onlyConfigValues(e.getKey());
        onlyConfigValues(e.getValue());
      }
    } else if (value instanceof ConfigList || value instanceof List<?>) {
      for (Object item : (List<?>) value) {
        onlyConfigValues(item);
      }
    } else if (value instanceof Tuple t) {
      for (Object item : t) {
        onlyConfigValues(item);
      }
    } else if (!(value == null || value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new AssertionError("a " + value.getClass().getName() + " reached the loaded config: " + value);
    }
  }
}
