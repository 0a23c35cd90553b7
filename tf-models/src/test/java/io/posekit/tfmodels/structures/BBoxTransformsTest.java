package io.posekit.tfmodels.structures;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class BBoxTransformsTest {
  /**
   * get_warp_matrix is the similarity p' = s R(-rot) (p - c) + (W/2, H/2) with s = W / scale_w;
   * this writes that out independently of the three-point construction.
   */
  private static double[][] similarity(double[] c, double scaleW, double rotDeg, int outW, int outH) {
    double s = outW / scaleW, t = Math.toRadians(rotDeg);
    double a = s * Math.cos(t), b = s * Math.sin(t);
    return new double[][] {
      {a, b, outW / 2.0 - (a * c[0] + b * c[1])},
      {-b, a, outH / 2.0 - (-b * c[0] + a * c[1])}
    };
  }

  @Test
  void warpMatrixMatchesTheSimilarityByHand() {
    double[] center = {100, 80};
    double[] scale = {60, 80};
    for (double rot : new double[] {0, 30, -45, 90}) {
      double[][] m = BBoxTransforms.getWarpMatrix(center, scale, rot, 48, 64);
      double[][] expected = similarity(center, 60, rot, 48, 64);
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(expected[r][c], m[r][c], 1e-4, "rot " + rot + " m[" + r + "][" + c + "]");
        }
      }
    }
    // no rotation: scale 48/60 = 0.8, the centre goes to (24, 32)
    double[][] m = BBoxTransforms.getWarpMatrix(center, scale, 0, 48, 64);
    assertEquals(0.8, m[0][0], 1e-6);
    assertEquals(0.0, m[0][1], 1e-6);
    assertEquals(24 - 80, m[0][2], 1e-4);
    assertEquals(32 - 64, m[1][2], 1e-4);
  }

  @Test
  void udpWarpMatrixMapsPixelCentres() {
    double[] center = {100, 80};
    double[] scale = {60, 80};
    double[][] m = BBoxTransforms.getUdpWarpMatrix(center, scale, 0, 48, 64);
    // the centre lands on the middle pixel centre (W-1)/2, (H-1)/2; the left edge on column 0
    assertArrayEquals(new double[] {23.5, 31.5}, BBoxTransforms.apply(m, 100, 80), 1e-4);
    assertArrayEquals(new double[] {0, 31.5}, BBoxTransforms.apply(m, 70, 80), 1e-4);
    assertArrayEquals(new double[] {47, 31.5}, BBoxTransforms.apply(m, 130, 80), 1e-4);
    double[][] r = BBoxTransforms.getUdpWarpMatrix(center, scale, 90, 48, 64);
    assertArrayEquals(new double[] {23.5, 31.5}, BBoxTransforms.apply(r, 100, 80), 1e-4);
    assertEquals(0.0, r[0][0], 1e-6);
    assertEquals(-47.0 / 60, r[0][1], 1e-6);
  }

  @Test
  void bboxConversionsAndFlips() {
    double[][] cs = BBoxTransforms.bboxXyxy2cs(new double[] {10, 20, 50, 100}, 1.25);
    assertArrayEquals(new double[] {30, 60}, cs[0]);
    assertArrayEquals(new double[] {50, 100}, cs[1]);
    assertArrayEquals(new double[] {10, 20, 40, 80}, BBoxTransforms.bboxXyxy2xywh(new double[] {10, 20, 50, 100}));
    assertArrayEquals(new double[] {10, 20, 50, 100}, BBoxTransforms.bboxXywh2xyxy(new double[] {10, 20, 40, 80}));
    assertArrayEquals(
        new double[] {69, 20, 89, 40},
        BBoxTransforms.flipBboxXyxy(new double[] {10, 20, 30, 40}, 100, 60, FlipDirection.HORIZONTAL));
    assertArrayEquals(
        new double[] {10, 19, 30, 39},
        BBoxTransforms.flipBboxXyxy(new double[] {10, 20, 30, 40}, 100, 60, FlipDirection.VERTICAL));
    assertArrayEquals(new double[] {79, 20}, BBoxTransforms.flipCenter(new double[] {20, 20}, 100, 60, FlipDirection.HORIZONTAL));
  }

  @Test
  void warpAffineMovesAPixelWhereTheMatrixSays() {
    ImageArray img = ImageArray.zeros(40, 60, 3);
    img.data()[(10 * 60 + 20) * 3 + 1] = (byte) 200; // green pixel at (20, 10)
    double[][] shift = {{1, 0, 5}, {0, 1, 3}};
    ImageArray out = WarpAffine.warp(img, shift, 60, 40);
    assertEquals(200, out.get(13, 25, 1));
    assertEquals(0, out.get(10, 20, 1));
    assertEquals(0, out.get(0, 0, 1)); // outside the source: black border
  }
}
