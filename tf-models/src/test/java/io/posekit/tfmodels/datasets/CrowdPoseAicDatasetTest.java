package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.PoseSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrowdPoseAicDatasetTest {
  @TempDir Path root;

  private void write(String name, int k) throws Exception {
    List<Double> kpts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      kpts.addAll(List.of(10.0 + i, 20.0 + i, 2.0));
    }
    Map<String, Object> file =
        Map.of(
            "images", List.of(Map.of("id", 1, "file_name", "a.jpg", "width", 100, "height", 80)),
            "annotations",
                List.of(
                    Map.of("id", 5, "image_id", 1, "category_id", 1, "bbox", List.of(5.0, 5.0, 50.0, 60.0), "area",
                        900.0, "iscrowd", 0, "keypoints", kpts, "num_keypoints", k)),
            "categories", List.of(Map.of("id", 1, "name", "person")));
    new ObjectMapper().writeValue(root.resolve(name).toFile(), file);
  }

  @Test
  void crowdPoseAndAicLoadTheirFourteenKeypoints() throws Exception {
    write("k14.json", 14);
    BaseCocoStyleDataset crowd =
        new CrowdPoseDataset("k14.json", null, DataMode.TOPDOWN, null, root.toString(), new DataPrefix(""), null, null, true,
            List.of(), false, false, 1000, 1);
    BaseCocoStyleDataset aic =
        new AicDataset("k14.json", null, DataMode.TOPDOWN, null, root.toString(), new DataPrefix(""), null, null, true,
            List.of(), false, false, 1000, 1);
    PoseSample c = crowd.getDataInfo(0);
    assertEquals("crowdpose", c.datasetName);
    assertArrayEquals(DatasetMeta.crowdpose().flipIndices(), c.flipIndices);
    assertEquals(14, c.keypoints[0].length);
    assertEquals("aic", aic.getDataInfo(0).datasetName);
    assertArrayEquals(new int[] {3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8, 12, 13}, aic.getDataInfo(0).flipIndices);
    assertTrue(crowd.describe(0).contains("a.jpg"), crowd.describe(0));
    // CocoDataset reads the same file with CrowdPose's meta from MMPose's usual from_file spelling
    CocoDataset asCrowd =
        new CocoDataset("k14.json", null, DataMode.TOPDOWN, Map.of("from_file", "configs/_base_/datasets/crowdpose.py"),
            root.toString(), new DataPrefix(""), null, null, true, List.of(), false, false, 1000, 1);
    assertEquals("crowdpose", asCrowd.metainfo().datasetName());
  }

  @Test
  void aWrongKeypointCountNamesFileAndAnnotation() throws Exception {
    write("k17.json", 17);
    CocoFormatException e =
        assertThrows(
            CocoFormatException.class,
            () -> new CrowdPoseDataset("k17.json", null, DataMode.TOPDOWN, null, root.toString(), new DataPrefix(""),
                null, null, true, List.of(), false, false, 1000, 1));
    assertTrue(e.getMessage().contains("k17.json") && e.getMessage().contains("id=5"), e.getMessage());
  }
}
