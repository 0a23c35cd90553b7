package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.structures.PoseSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeepFashionDatasetTest {
  @TempDir Path root;

  private void write(String name, int k) throws Exception {
    List<Double> kpts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      kpts.addAll(List.of(10.0 + i, 20.0 + i, 2.0));
    }
    Map<String, Object> file = Map.of(
        "images", List.of(Map.of("id", 1, "file_name", "img/a.jpg", "width", 100, "height", 80)),
        "annotations", List.of(Map.of("id", 5, "image_id", 1, "category_id", 1, "bbox", List.of(5.0, 5.0, 50.0, 60.0),
            "area", 900.0, "iscrowd", 0, "keypoints", kpts, "num_keypoints", k)),
        "categories", List.of(Map.of("id", 1, "name", "person")));
    new ObjectMapper().writeValue(root.resolve(name).toFile(), file);
  }

  private DeepFashionDataset dataset(String annFile, String subset) {
    return new DeepFashionDataset(annFile, subset, null, DataMode.TOPDOWN, null, root.toString(), new DataPrefix(""),
        null, null, true, List.of(), false, false, 1000);
  }

  @Test
  void subsetPicksTheLandmarksAndTheirLeftRightSwaps() throws Exception {
    write("upper.json", 6);
    PoseSample upper = dataset("upper.json", "upper").getDataInfo(0);
    assertEquals("deepfashion_upper", upper.datasetName);
    assertEquals(6, upper.keypoints[0].length);
    assertArrayEquals(new int[] {1, 0, 3, 2, 5, 4}, upper.flipIndices);

    write("full.json", 8);
    DeepFashionDataset full = dataset("full.json", "");
    assertEquals("deepfashion_full", full.metainfo().datasetName());
    assertEquals(List.of("left collar", "right collar", "left sleeve", "right sleeve", "left waistline",
        "right waistline", "left hem", "right hem"), full.metainfo().keypointId2name());
    assertEquals(0, full.metainfo().sigmas().length, "MMPose gives DeepFashion no OKS sigmas");

    write("lower.json", 4);
    assertEquals(List.of("left waistline", "right waistline", "left hem", "right hem"),
        dataset("lower.json", "lower").metainfo().keypointId2name());
  }

  @Test
  void anUnknownSubsetIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset("x.json", "middle"));
    assertTrue(e.getMessage().contains("invalid subset: 'middle'"), e.getMessage());
  }
}
