package io.posekit.tfmodels.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GenerateTargetTest {
  private static final MSRAHeatmap CODEC = new MSRAHeatmap(new int[] {48, 64}, new int[] {12, 16}, 2.0, false, 11);

  private static PoseSample sample() {
    PoseSample s = new PoseSample();
    s.imgId = 7;
    // two keypoints in input pixels: one inside, one so far out of the 48x64 input that its 3-sigma
    // window misses the 12x16 heatmap (MMPose gives it weight 0)
    s.transformedKeypoints = new double[][][] {{{20.0, 30.0}, {200.0, 10.0}}};
    s.keypointsVisible = new double[][] {{1.0, 1.0}};
    s.datasetKeypointWeights = new float[] {1.5f, 1.0f};
    return s;
  }

  @Test
  void storesWhatTheEncoderMakesForTheTransformedKeypoints() {
    PoseSample s = new GenerateTarget(CODEC, false).transform(sample(), RandomGenerator.of("L64X128MixRandom"));
    EncodedTargets direct = CODEC.encode(new float[][] {{20f, 30f}, {200f, 10f}}, new float[] {1f, 1f});
    assertArrayEquals(direct.heatmaps().data(), s.targets.heatmaps().data());
    assertArrayEquals(new float[] {1f, 0f}, s.targets.keypointWeights());
    // the visible keypoint's peak: heatmap pixel (20/4, 30/4) = (5, 7.5) rounds to (5, 8), value 1
    int w = s.targets.heatmaps().width();
    assertEquals(1.0f, s.targets.heatmaps().data()[8 * w + 5], 1e-6f);
  }

  @Test
  void datasetKeypointWeightsMultiplyTheWeights() {
    PoseSample s = new GenerateTarget(CODEC, true).transform(sample(), RandomGenerator.of("L64X128MixRandom"));
    assertArrayEquals(new float[] {1.5f, 0f}, s.targets.keypointWeights());
  }

  @Test
  void aSampleWithoutKeypointsIsAClearError() {
    PoseSample s = sample();
    s.transformedKeypoints = null;
    s.keypoints = null;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GenerateTarget(CODEC, false).transform(s, RandomGenerator.of("L64X128MixRandom")));
    assertTrue(e.getMessage().contains("img_id=7"), e.getMessage());
  }
}
