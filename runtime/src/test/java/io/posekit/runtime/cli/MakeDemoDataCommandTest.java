package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

class MakeDemoDataCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine(() -> Registry.of(List.of()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesTheDataSetDeterministically() throws IOException {
    Path first = dir.resolve("a");
    Path second = dir.resolve("b");
    assertEquals(0, run("make-demo-data", first.toString(), "--num-train", "2", "--num-val", "1", "--width", "96", "--height", "80"), err.toString());
    assertEquals(0, run("make-demo-data", second.toString(), "--num-train=2", "--num-val=1", "--width=96", "--height=80"), err.toString());
    assertTrue(out.toString().contains("wrote 2 train and 1 val images"), out.toString());
    String annotations = "annotations/person_keypoints_train2017.json";
    assertArrayEquals(Files.readAllBytes(first.resolve(annotations)), Files.readAllBytes(second.resolve(annotations)));
    assertTrue(Files.isRegularFile(first.resolve("person_detection_results/COCO_val2017_detections_AP_H_56_person.json")));
  }

  @Test
  void badOptionsAreErrorsNamingTheOption() {
    assertEquals(2, run("make-demo-data", dir.toString(), "--width", "10"));
    assertTrue(err.toString().contains("make-demo-data:"), err.toString());
    assertEquals(2, run("make-demo-data", dir.toString(), "--sed", "1"));
    assertTrue(err.toString().contains("--sed"), err.toString());
  }
}
