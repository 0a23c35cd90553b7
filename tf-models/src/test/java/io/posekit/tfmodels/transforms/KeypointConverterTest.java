package io.posekit.tfmodels.transforms;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.spi.Tuple;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeypointConverterTest {
  /** One instance of three keypoints at (0, 1), (2, 3), (4, 5), visible 1, 0, 1. */
  static PoseSample sample() {
    PoseSample s = new PoseSample();
    s.keypoints = new double[][][] {{{0, 1}, {2, 3}, {4, 5}}};
    s.keypointsVisible = new double[][] {{1, 0, 1}};
    s.flipIndices = new int[] {0, 2, 1};
    return s;
  }

  @Test
  void oneToOneMappingMovesKeypointsAndLeavesTheRestEmpty() {
    // AIC -> COCO style: source 2 to target 0, source 0 to target 3, target 1 and 2 unmapped
    KeypointConverter c = new KeypointConverter(4, List.of(Tuple.of(2, 0), Tuple.of(0, 3)));
    PoseSample s = c.transform(sample(), new SplittableRandom(0));
    assertArrayEquals(new double[] {4, 5}, s.keypoints[0][0]);
    assertArrayEquals(new double[] {0, 0}, s.keypoints[0][1]);
    assertArrayEquals(new double[] {0, 1}, s.keypoints[0][3]);
    assertArrayEquals(new double[] {1, 0, 0, 1}, s.keypointsVisible[0]);
    assertArrayEquals(new int[] {0, 2, 1}, s.flipIndices); // no interpolation: untouched
  }

  @Test
  void pairsTakeTheMidpointVisibleOnlyWhenBothAre() {
    // MMPose's docstring case 2: ((1, 2), 0), (1, 1), (2, 2)
    KeypointConverter c = new KeypointConverter(3, List.of(Tuple.of(Tuple.of(1, 2), 0), Tuple.of(1, 1), Tuple.of(2, 2)));
    PoseSample s = c.transform(sample(), new SplittableRandom(0));
    assertArrayEquals(new double[] {3, 4}, s.keypoints[0][0]);
    assertArrayEquals(new double[] {2, 3}, s.keypoints[0][1]);
    assertArrayEquals(new double[] {0, 0, 1}, s.keypointsVisible[0]);
    // item 0 is a pair: keeps index 0; items 1 and 2 take their source's partner in the (updated) list
    assertArrayEquals(new int[] {0, 2, 1}, s.flipIndices);
  }

  @Test
  void badMappingsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KeypointConverter(3, List.of(Tuple.of(0, 5))));
    assertTrue(e.getMessage().contains("mapping[0]"), e.getMessage());
    KeypointConverter far = new KeypointConverter(3, List.of(Tuple.of(7, 0)));
    assertThrows(IllegalArgumentException.class, () -> far.transform(sample(), new SplittableRandom(0)));
  }
}
