package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.registry.Registry;
import io.posekit.tfmodels.fileio.FileIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code posekit make-lmdb} packs a data set's images under the paths its data set config forms. */
class MakeLmdbCommandTest {
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
  void packsEveryImageUnderItsDataSetPath() throws Exception {
    Path data = dir.resolve("coco");
    assertEquals(0, run("make-demo-data", data.toString(), "--num-train", "3", "--num-val", "1", "--width", "96", "--height", "80"), err.toString());
    Path db = dir.resolve("train.lmdb");
    assertEquals(0, run("make-lmdb", db.toString(), "--ann-file", "annotations/person_keypoints_train2017.json",
        "--data-root", data.toString(), "--img-prefix", "train2017/"), err.toString());
    assertTrue(out.toString().contains("packed 3 images"), out.toString());
    JsonNode ann = new ObjectMapper().readTree(data.resolve("annotations/person_keypoints_train2017.json").toFile());
    Map<String, Object> lmdb = Map.of("backend", "lmdb", "db_path", db.toString());
    for (JsonNode image : ann.get("images")) {
      Path file = data.resolve("train2017").resolve(image.get("file_name").asText());
      // the key is data_root joined with the prefix and the file name, as the data set forms img_path
      assertArrayEquals(Files.readAllBytes(file), FileIO.get(file.toString(), lmdb));
    }
  }

  @Test
  void aMissingAnnotationFileIsNamed() {
    String ann = dir.resolve("none.json").toString();
    assertEquals(1, run("make-lmdb", dir.resolve("db").toString(), "--ann-file", ann));
    assertEquals("posekit make-lmdb: " + ann + ": no such COCO annotation file", err.toString().trim());
  }
}
