package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --cfg-options} under a fuzzer. Property: any list of arguments parses, or fails with the
 * documented IllegalArgumentException whose message names the option; nothing else escapes.
 */
class CfgOptionsFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void cfgOptions(FuzzedDataProvider data) {
    List<String> options = new ArrayList<>();
    int n = data.consumeInt(0, 8);
    for (int i = 0; i < n; i++) {
      options.add(data.consumeString(256));
    }
    try {
      CfgOptions.parse(options);
    } catch (IllegalArgumentException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal without a message");
    }
  }
}
