package io.posekit.tfmodels.structures;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.datasets.DatasetMeta;
import org.junit.jupiter.api.Test;

class KeypointTransformsTest {
  @Test
  void horizontalFlipSwapsLeftAndRightAndMirrors() {
    int[] flip = DatasetMeta.coco().flipIndices();
    double[][][] kpts = new double[1][17][2];
    double[][] vis = new double[1][17];
    kpts[0][0] = new double[] {50, 10}; // nose
    vis[0][0] = 1;
    kpts[0][1] = new double[] {10, 20}; // left eye
    vis[0][1] = 1;
    kpts[0][2] = new double[] {30, 20}; // right eye, not visible
    kpts[0][15] = new double[] {12, 90}; // left ankle
    vis[0][15] = 1;
    double[][] visOut = new double[1][];
    double[][][] out = KeypointTransforms.flipKeypoints(kpts, vis, visOut, 100, 100, flip, FlipDirection.HORIZONTAL);
    assertArrayEquals(new double[] {49, 10}, out[0][0]);
    assertArrayEquals(new double[] {69, 20}, out[0][1]); // the old right eye, mirrored
    assertEquals(0.0, visOut[0][1]);
    assertArrayEquals(new double[] {89, 20}, out[0][2]);
    assertEquals(1.0, visOut[0][2]);
    assertArrayEquals(new double[] {87, 90}, out[0][16]); // left ankle became the right ankle
    assertEquals(1.0, visOut[0][16]);
    assertEquals(0.0, visOut[0][15]);
  }
}
