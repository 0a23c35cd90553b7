package io.posekit.tfmodels.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {
  @Test
  void kernelElevenHasOpenCvSigmaTwo() {
    double[] k = GaussianBlur.kernel(11);
    double sum = 0;
    for (int i = -5; i <= 5; i++) {
      sum += Math.exp(-i * i / 8.0);
    }
    assertEquals(1 / sum, k[5], 1e-12);
    assertEquals(Math.exp(-25 / 8.0) / sum, k[0], 1e-12);
  }

  @Test
  void blurOfImpulseIsOuterProductOfKernel() {
    float[][] map = new float[9][9];
    map[4][4] = 1f;
    float[][] out = GaussianBlur.blur(map, 3);
    assertEquals(0.25, out[4][4], 1e-7);
    assertEquals(0.125, out[3][4], 1e-7);
    assertEquals(0.0625, out[5][5], 1e-7);
    assertEquals(0.0, out[4][6], 1e-7);
  }

  @Test
  void reflect101BorderMirrorsWithoutRepeatingTheEdge() {
    // a 1x3 row [1, 0, 0]: reflect101 extends it to [0, 1, 0, 0, 0]
    float[][] row = {{1f, 0f, 0f}};
    float[][] out = GaussianBlur.blur(row, 3);
    assertEquals(0.5, out[0][0], 1e-7);
    assertEquals(0.25, out[0][1], 1e-7);
  }
}
