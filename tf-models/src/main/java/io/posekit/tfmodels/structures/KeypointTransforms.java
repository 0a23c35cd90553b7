package io.posekit.tfmodels.structures;

/** Keypoint geometry of MMPose's {@code mmpose/structures/keypoint/transforms.py}. */
public final class KeypointTransforms {
  private KeypointTransforms() {}

  /**
   * Flips keypoints {@code [N][K][2]} and their visibility {@code [N][K]} in an image of
   * {@code (w, h)}: left and right keypoints swap by {@code flipIndices} (not for a diagonal flip,
   * which is a 180 degree turn), then coordinates mirror as {@code w - 1 - x}. Returns new arrays;
   * index 0 of the result holds keypoints, the visibility goes into {@code visibleOut}.
   */
  public static double[][][] flipKeypoints(
      double[][][] keypoints, double[][] visible, double[][] visibleOut, int w, int h, int[] flipIndices,
      FlipDirection direction) {
    double[][][] out = new double[keypoints.length][][];
    boolean swap = direction != FlipDirection.DIAGONAL;
    for (int n = 0; n < keypoints.length; n++) {
      int k = keypoints[n].length;
      if (swap && flipIndices.length != k) {
        throw new IllegalArgumentException("flip_indices has " + flipIndices.length + " entries for " + k + " keypoints");
      }
      out[n] = new double[k][];
      visibleOut[n] = new double[k];
      for (int i = 0; i < k; i++) {
        int src = swap ? flipIndices[i] : i;
        double x = keypoints[n][src][0], y = keypoints[n][src][1];
        out[n][i] =
            switch (direction) {
              case HORIZONTAL -> new double[] {w - 1 - x, y};
              case VERTICAL -> new double[] {x, h - 1 - y};
              case DIAGONAL -> new double[] {w - x - 1, h - y - 1};
            };
        visibleOut[n][i] = visible[n][src];
      }
    }
    return out;
  }
}
