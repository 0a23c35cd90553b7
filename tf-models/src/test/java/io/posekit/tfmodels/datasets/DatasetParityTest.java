package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import io.posekit.tfmodels.structures.PoseSample;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every data set class against MMPose's on the same generated annotation file
 * ({@code parity/gen_parity.py} wrote the files and what MMPose's {@code get_data_info} gave for
 * each index): the same samples in the same order, every key MMPose sets equal (float32 values
 * exactly, as both hold them in float32); MPII's head sizes from a zlib-compressed {@code .mat}.
 */
class DatasetParityTest {
  /** What a bottom-up sample carries here; MMPose also stacks per-instance area, iscrowd, num_keypoints. */
  private static final List<String> BOTTOMUP_KEYS =
      List.of("img_id", "img_path", "id", "bbox", "bbox_score", "keypoints", "keypoints_visible");

  private static final Path DIR = Path.of("src/test/resources/io/posekit/tfmodels/datasets/parity");

  @TestFactory
  Stream<DynamicTest> samplesEqualMmposes() throws IOException {
    List<Path> expected;
    try (Stream<Path> files = Files.list(DIR)) {
      expected = files.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().toList();
    }
    assertEquals(35, expected.size(), "one expectation per generated case");
    return expected.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path expectedFile) throws Exception {
    String name = expectedFile.getFileName().toString().replace(".expected.json", "");
    String className = name.substring(0, name.indexOf('.'));
    JsonNode expected = new ObjectMapper().readTree(expectedFile.toFile());
    JsonNode kwargs = expected.get("kwargs");
    Class<?> config = Class.forName("io.posekit.tfmodels.datasets." + className + "Config");
    Object builder = config.getMethod("builder").invoke(null);
    Class<?> b = builder.getClass();
    b.getMethod("annFile", String.class).invoke(builder, name + ".json");
    b.getMethod("dataRoot", String.class).invoke(builder, DIR.toString());
    b.getMethod("dataPrefix", DataPrefix.class).invoke(builder, new DataPrefix("imgs/"));
    b.getMethod("testMode", boolean.class).invoke(builder, kwargs.path("test_mode").asBoolean(false));
    b.getMethod("dataMode", DataMode.class)
        .invoke(builder, "bottomup".equals(kwargs.path("data_mode").asText()) ? DataMode.BOTTOMUP : DataMode.TOPDOWN);
    if (kwargs.has("headbox_file")) {
      b.getMethod("headboxFile", String.class).invoke(builder, DIR.resolve(kwargs.get("headbox_file").asText()).toString());
    }
    ModuleConfig<?> cfg = (ModuleConfig<?>) b.getMethod("build").invoke(builder);
    BaseCocoStyleDataset ds = (BaseCocoStyleDataset) cfg.build(BuildContext.empty());
    JsonNode samples = expected.get("samples");
    assertEquals(samples.size(), ds.size(), name + ": samples");
    for (int i = 0; i < samples.size(); i++) {
      PoseSample s = ds.getDataInfo(i);
      for (Iterator<String> keys = samples.get(i).fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (name.endsWith(".bottomup") && !BOTTOMUP_KEYS.contains(key)) {
          continue;
        }
        String where = name + " sample " + i + " key " + key;
        JsonNode want = samples.get(i).get(key);
        Object got = s.get(key);
        if (key.equals("img_path")) {
          // MMPose ran with the folder's absolute path as data_root: compare below the folder
          want = new ObjectMapper().valueToTree(want.asText().substring(want.asText().indexOf("/parity/") + 8));
          got = s.imgPath.substring(s.imgPath.indexOf("/parity/") + 8);
        }
        assertSame(want, got, where);
      }
    }
  }

  /** Compares a JSON value with a Java number, array or list element by element. */
  private static void assertSame(JsonNode want, Object got, String where) {
    if (want.isArray() && want.size() == 1 && got instanceof Number) {
      // MPII's category_id is the list [1]
      assertSame(want.get(0), got, where);
    } else if (want.isArray()) {
      int n = got instanceof List<?> l ? l.size() : Array.getLength(got);
      assertEquals(want.size(), n, where + ": length");
      for (int i = 0; i < n; i++) {
        Object item = got instanceof List<?> l ? l.get(i) : Array.get(got, i);
        assertSame(want.get(i), item, where + "[" + i + "]");
      }
    } else if (want.isNumber() && got != null && got.getClass().isArray()) {
      // MMPose keeps a few per-instance scalars (box_size) that PoseKit holds as [N] arrays
      assertEquals(1, Array.getLength(got), where + ": one instance");
      assertSame(want, Array.get(got, 0), where);
    } else if (want.isNumber()) {
      assertEquals(want.asDouble(), ((Number) got).doubleValue(), 0.0, where);
    } else {
      assertEquals(want.asText(), String.valueOf(got), where);
    }
  }
}
