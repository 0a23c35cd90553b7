package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DatasetMetaTest {
  @Test
  void cocoMetaHasMmposesParsedValues() {
    DatasetMeta m = DatasetMeta.coco();
    assertEquals("coco", m.datasetName());
    assertEquals(17, m.numKeypoints());
    assertArrayEquals(new int[] {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15}, m.flipIndices());
    // MMPose keeps both orders of each pair: (2, 1), (1, 2), (4, 3), ...
    assertEquals(16, m.flipPairs().size());
    assertArrayEquals(new int[] {2, 1}, m.flipPairs().get(0));
    assertArrayEquals(new int[] {1, 2}, m.flipPairs().get(1));
    assertEquals(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), m.upperBodyIds());
    assertEquals(java.util.List.of(11, 12, 13, 14, 15, 16), m.lowerBodyIds());
    assertEquals(19, m.skeletonLinks().size());
    assertArrayEquals(new int[] {15, 13}, m.skeletonLinks().get(0));
    assertEquals(0.026f, m.sigmas()[0]);
    assertEquals(0.089f, m.sigmas()[16]);
    assertEquals(1.5f, m.datasetKeypointWeights()[9]);
    assertEquals(5, m.keypointName2id().get("left_shoulder"));
    assertArrayEquals(new int[] {255, 128, 0}, m.keypointColors().get(6));
  }
}
