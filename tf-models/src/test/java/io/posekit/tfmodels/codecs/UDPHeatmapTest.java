package io.posekit.tfmodels.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posekit.tfmodels.codecs.UDPHeatmap.HeatmapType;
import org.junit.jupiter.api.Test;

class UDPHeatmapTest {
  // UDP scales by (input - 1) / (heatmap - 1): 191/47 in x, 255/63 in y
  private static final double SX = 191.0 / 47;
  private static final double SY = 255.0 / 63;

  private final UDPHeatmap codec =
      new UDPHeatmap(new int[] {192, 256}, new int[] {48, 64}, HeatmapType.GAUSSIAN, 2.0, 0.0546875, 11);

  @Test
  void gaussianIsCentredOnSubPixelKeypoint() {
    float[][] kps = {{(float) (20.3 * SX), (float) (30.6 * SY)}};
    Heatmaps h = codec.encode(kps, null).heatmaps();
    // distance from pixel (20, 31) to (20.3, 30.6) is (0.3, 0.4)
    assertEquals(Math.exp(-0.25 / 8), h.get(0, 31, 20), 1e-5);
    assertEquals(Math.exp(-(1.7 * 1.7 + 0.6 * 0.6) / 8), h.get(0, 30, 22), 1e-5);
    // window of radius 6 around the rounded centre (20, 31): column 27 is outside
    assertEquals(0f, h.get(0, 31, 27));
  }

  @Test
  void decodeRecoversSubPixelPeak() {
    float[][] kps = {{(float) (20.3 * SX), (float) (30.6 * SY)}, {(float) (5.8 * SX), (float) (50.1 * SY)}};
    DecodedKeypoints dec = codec.decode(codec.encode(kps, null).heatmaps());
    // decode maps back with input / (heatmap - 1), i.e. 192/47 and 256/63
    assertEquals(20.3, dec.keypoints()[0][0] * 47 / 192.0, 0.05);
    assertEquals(30.6, dec.keypoints()[0][1] * 63 / 256.0, 0.05);
    assertEquals(5.8, dec.keypoints()[1][0] * 47 / 192.0, 0.05);
    assertEquals(50.1, dec.keypoints()[1][1] * 63 / 256.0, 0.05);
  }

  @Test
  void combinedTargetsHoldDiscAndOffsetsAndDecodeBack() {
    UDPHeatmap combined =
        new UDPHeatmap(new int[] {192, 256}, new int[] {48, 64}, HeatmapType.COMBINED, 2.0, 0.0546875, 11);
    float[][] kps = {{(float) (20.3 * SX), (float) (30.6 * SY)}};
    EncodedTargets enc = combined.encode(kps, null);
    Heatmaps h = enc.heatmaps();
    assertEquals(3, h.channels());
    double radius = 0.0546875 * 64; // 3.5 heatmap pixels
    assertEquals(1f, h.get(0, 31, 20));
    assertEquals(0f, h.get(0, 31, 24)); // 3.7 px away
    assertEquals((20.3 - 22) / radius, h.get(1, 31, 22), 1e-5);
    assertEquals((30.6 - 29) / radius, h.get(2, 29, 22), 1e-5);
    DecodedKeypoints dec = combined.decode(h);
    assertEquals(20.3, dec.keypoints()[0][0] * 47 / 192.0, 1e-3);
    assertEquals(30.6, dec.keypoints()[0][1] * 63 / 256.0, 1e-3);
  }

  @Test
  void invisibleKeypointKeepsZeroWeight() {
    EncodedTargets enc = codec.encode(new float[][] {{50f, 50f}, {-200f, 50f}}, new float[] {0f, 1f});
    assertArrayEquals(new float[] {0f, 0f}, enc.keypointWeights());
  }
}
