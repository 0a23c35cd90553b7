package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.registry.IndexSource;
import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.registry.fixtures.FixtureIndex;
import io.posekit.runtime.registry.fixtures.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ListModulesCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Registry registry, String... args) {
    CommandLine commandLine = Main.commandLine(() -> registry);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Registry fixtures() {
    return Registry.of(new IndexSource(new FixtureIndex(), "/jars/fixtures.jar"));
  }

  @Test
  void listsEveryRegistryWithModulesScopesAndParameters() {
    assertEquals(0, run(fixtures(), "list-modules"), err.toString());
    String expected =
        String.join(
            System.lineSeparator(),
            "MODELS (3 modules)",
            "  HeatmapHead  [mmpose]",
            "      in_channels        int    required",
            "      loss               Loss   required",
            "      dataset_meta       dict   provided by the runtime",
            "  KeypointMSELoss  [mmpose]  aliases: MSELoss",
            "      use_target_weight  bool   = False",
            "      loss_weight        float  = 1.0",
            "  L1Loss  [mmengine]",
            "      loss_weight        float  = 1.0",
            "",
            "TRANSFORMS (1 module)",
            "  RandomFlip  [mmpose]",
            "      prob  float  = 0.5",
            "");
    assertEquals(expected, out.toString());
  }

  @Test
  void listsOneRegistryAndOneScope() {
    assertEquals(0, run(fixtures(), "list-modules", "MODELS", "--scope", "mmengine"), err.toString());
    assertTrue(out.toString().startsWith("MODELS (1 module)" + System.lineSeparator() + "  L1Loss  [mmengine]"), out.toString());
    assertFalse(out.toString().contains("TRANSFORMS"), out.toString());
  }

  @Test
  void aBuiltInRegistryWithoutModulesIsListedEmpty() {
    assertEquals(0, run(fixtures(), "list-modules", "HOOKS"), err.toString());
    assertEquals("HOOKS (0 modules)" + System.lineSeparator() + "  (none registered)" + System.lineSeparator(), out.toString());
  }

  @Test
  void anUnknownRegistryIsAnErrorWithDidYouMean() {
    assertEquals(2, run(fixtures(), "list-modules", "MODLES"));
    assertEquals(
        "posekit list-modules: unknown registry 'MODLES' (did you mean 'MODELS'?); registries with modules: MODELS, TRANSFORMS"
            + System.lineSeparator(),
        err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void anUnknownScopeIsAnErrorWithDidYouMean() {
    assertEquals(2, run(fixtures(), "list-modules", "--scope", "mmpse"));
    assertTrue(err.toString().contains("no module is registered in scope 'mmpse' (did you mean 'mmpose'?)"), err.toString());
  }

  @Test
  void conflictingJarsAreReportedWithoutAStackTrace() {
    CommandLine commandLine =
        Main.commandLine(
            () ->
                Registry.of(
                    new IndexSource(FixtureIndex.of(Fixtures.L1_LOSS), "/jars/a.jar"),
                    new IndexSource(FixtureIndex.of(Fixtures.L1_LOSS), "/jars/b.jar")));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    assertEquals(1, commandLine.execute("list-modules"));
    assertTrue(err.toString().startsWith("posekit list-modules: MODELS module 'mmengine.L1Loss' is registered twice"), err.toString());
    assertFalse(err.toString().contains("\tat "), err.toString());
  }

  @Test
  void anEmptyClassPathSaysSo() {
    assertEquals(0, run(Registry.of(List.of()), "list-modules"));
    assertEquals("No modules registered: no io.posekit.spi.RegistryIndex is on the class path." + System.lineSeparator(), out.toString());
  }

  @Test
  void listsTheParametersTheProcessorDescribed() {
    assertEquals(0, run(Registry.load(), "list-modules", "MODELS", "--scope", "posekit_test"), err.toString());
    String expected =
        String.join(
            System.lineSeparator(),
            "MODELS (3 modules)",
            "  HeatmapHead  [posekit_test]",
            "      in_channels          int                   required",
            "      out_channels         int                   required",
            "      deconv_out_channels  tuple[int, ...]       = (256, 256, 256)",
            "      deconv_kernel_sizes  tuple[int, ...]       = (4, 4, 4)",
            "      loss                 Loss                  = dict(type='KeypointMSELoss', use_target_weight=True)",
            "      decoder              KeypointCodec | None  = None",
            "  KeypointMSELoss  [posekit_test]",
            "      use_target_weight    bool                  = False",
            "      loss_weight          float                 = 1.0",
            "  TopdownPoseEstimator  [posekit_test]",
            "      head                 Head                  required",
            "      test_cfg             dict[str, object]     = dict(flip_test=True)",
            "");
    assertEquals(expected, out.toString());
  }
}
