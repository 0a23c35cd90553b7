package io.posekit.tfmodels.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeDemoDataTest {
  @TempDir Path dir;

  @Test
  void parsesOptions() {
    var o = MakeDemoData.parse("out", "--seed", "3", "--num-train=5", "--num-val", "2", "--width", "96", "--height=80");
    assertEquals(new SyntheticCocoGenerator.Options(Path.of("out"), 3, 5, 2, 96, 80), o);
    assertEquals(SyntheticCocoGenerator.Options.defaults(Path.of("x")), MakeDemoData.parse("x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MakeDemoData.parse("x", "--sed", "1"));
    assertTrue(e.getMessage().contains("--sed"));
    assertThrows(IllegalArgumentException.class, () -> MakeDemoData.parse("--seed", "1"));
    assertThrows(IllegalArgumentException.class, () -> MakeDemoData.parse("x", "--width", "ten"));
    assertThrows(IllegalArgumentException.class, () -> MakeDemoData.parse("x", "--width", "10"));
  }

  @Test
  void runWritesTheDataSet() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    int code =
        MakeDemoData.run(new PrintStream(out), new PrintStream(err), dir.toString(), "--num-train", "2", "--num-val", "1",
            "--width", "96", "--height", "72");
    assertEquals(0, code, err.toString());
    assertTrue(Files.isRegularFile(dir.resolve("annotations/person_keypoints_train2017.json")));
    assertTrue(Files.isRegularFile(dir.resolve("val2017/000000100001.jpg")));
    assertTrue(Files.isRegularFile(dir.resolve(SyntheticCocoGenerator.DETECTION_FILE)));
    assertTrue(out.toString().contains("wrote 2 train and 1 val images"), out.toString());
    assertEquals(2, MakeDemoData.run(new PrintStream(out), new PrintStream(err)));
    assertTrue(err.toString().contains("OUT_DIR is missing"));
  }
}
