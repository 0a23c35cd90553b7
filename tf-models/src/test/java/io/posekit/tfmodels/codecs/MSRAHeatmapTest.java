package io.posekit.tfmodels.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MSRAHeatmapTest {
  // input 192x256, heatmaps 48x64: 4 input pixels per heatmap pixel
  private final MSRAHeatmap codec = new MSRAHeatmap(new int[] {192, 256}, new int[] {48, 64}, 2.0, false, 11);

  @Test
  void encodeCentresGaussianOnRoundedPixelWithinThreeSigma() {
    // heatmap (10.3, 15.0): MSRA rounds the centre to pixel (10, 15)
    EncodedTargets enc = codec.encode(new float[][] {{41.2f, 60f}}, null);
    Heatmaps h = enc.heatmaps();
    assertEquals(1f, h.get(0, 15, 10), 1e-7);
    assertEquals(Math.exp(-1.0 / 8), h.get(0, 15, 11), 1e-6);
    assertEquals(Math.exp(-1.0), h.get(0, 17, 12), 1e-6);
    assertEquals(Math.exp(-36.0 / 8), h.get(0, 15, 16), 1e-7); // radius 6 is inside the window
    assertEquals(0f, h.get(0, 15, 17)); // 7 > 3 sigma
    assertEquals(0f, h.get(0, 22, 10));
    assertArrayEquals(new float[] {1f}, enc.keypointWeights());
  }

  @Test
  void keypointsOutsideOrInvisibleGetZeroWeight() {
    // heatmap x -8.5 rounds (towards zero, as numpy) to -8: window [-14, -1) is wholly outside
    // heatmap x -7.5 rounds to -7: window ends at 0 which MMPose still counts as inside
    EncodedTargets enc =
        codec.encode(new float[][] {{-34f, 60f}, {-30f, 60f}, {40f, 60f}}, new float[] {1f, 1f, 0f});
    assertArrayEquals(new float[] {0f, 1f, 0f}, enc.keypointWeights());
    for (float v : enc.heatmaps().data()) {
      assertEquals(0f, v);
    }
  }

  @Test
  void decodeMovesQuarterPixelTowardsHigherNeighbour() {
    Heatmaps h = Heatmaps.zeros(1, 64, 48);
    h.set(0, 15, 10, 1.0f);
    h.set(0, 15, 11, 0.6f); // right higher than left
    h.set(0, 15, 9, 0.5f);
    h.set(0, 14, 10, 0.7f); // up higher than down
    h.set(0, 16, 10, 0.2f);
    DecodedKeypoints dec = codec.decode(h);
    assertEquals((10 + 0.25f) * 4, dec.keypoints()[0][0], 1e-5);
    assertEquals((15 - 0.25f) * 4, dec.keypoints()[0][1], 1e-5);
    assertEquals(1.0f, dec.scores()[0]);
  }

  @Test
  void decodeOfEmptyChannelGivesMinusOneScaled() {
    DecodedKeypoints dec = codec.decode(Heatmaps.zeros(1, 64, 48));
    assertEquals(-4f, dec.keypoints()[0][0]);
    assertEquals(-4f, dec.keypoints()[0][1]);
    assertEquals(0f, dec.scores()[0]);
  }

  @Test
  void encodeDecodeRoundTripWithinQuarterPixel() {
    float[][] kps = {{41.2f, 60f}, {100.5f, 200.25f}, {150f, 31f}};
    DecodedKeypoints dec = codec.decode(codec.encode(kps, null).heatmaps());
    for (int k = 0; k < kps.length; k++) {
      // rounding to a heatmap pixel costs up to half a heatmap pixel (2 input pixels)
      assertEquals(kps[k][0], dec.keypoints()[k][0], 2.0 + 1e-4);
      assertEquals(kps[k][1], dec.keypoints()[k][1], 2.0 + 1e-4);
    }
  }

  @Test
  void darkEncodingIsExactCentredGaussianAndDecodesToSubPixelPeak() {
    MSRAHeatmap dark = new MSRAHeatmap(new int[] {192, 256}, new int[] {48, 64}, 2.0, true, 11);
    // heatmap (20.3, 30.6)
    float[][] kps = {{81.2f, 122.4f}};
    Heatmaps h = dark.encode(kps, null).heatmaps();
    assertEquals(Math.exp(-(0.09 + 0.16) / 8), h.get(0, 31, 20), 1e-6);
    assertEquals(Math.exp(-(4.3 * 4.3 + 0.4 * 0.4) / 8), h.get(0, 31, 16), 1e-6);
    DecodedKeypoints dec = dark.decode(h);
    assertEquals(20.3, dec.keypoints()[0][0] / 4, 0.05);
    assertEquals(30.6, dec.keypoints()[0][1] / 4, 0.05);
  }
}
