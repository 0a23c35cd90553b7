package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.registry.Registry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code test}'s argument errors; the command's real run is in {@link TrainCommandEndToEndTest}. */
class TestCommandTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine(() -> Registry.of(List.of()));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void aMissingCheckpointIsAnErrorNamingIt() {
    Path missing = dir.resolve("nope.pth");
    assertEquals(2, run("test", "config.py", missing.toString()));
    assertTrue(err.toString().contains("checkpoint " + missing + " does not exist"), err.toString());
  }

  @Test
  void theMetricsFileMustBeJsonOrYaml() throws IOException {
    Path ckpt = Files.createFile(dir.resolve("epoch_1.pth"));
    assertEquals(2, run("test", "config.py", ckpt.toString(), "--out", dir.resolve("metrics.pkl").toString()));
    assertTrue(err.toString().contains("must end in .json, .yaml or .yml"), err.toString());
  }

  @Test
  void helpListsMMPosesOptions() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine(() -> Registry.of(List.of()));
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("test", "--help"));
    for (String option : List.of("CONFIG", "CHECKPOINT", "--work-dir", "--out", "--dump", "--cfg-options")) {
      assertTrue(out.toString().contains(option), out.toString());
    }
  }
}
