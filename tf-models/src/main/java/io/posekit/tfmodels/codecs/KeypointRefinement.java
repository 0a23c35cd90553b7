package io.posekit.tfmodels.codecs;

/**
 * Sub-pixel refinement of arg-max keypoints (MMPose's {@code codecs/utils/refinement.py}). All
 * methods work in heatmap pixels and update {@code keypoints} in place.
 */
public final class KeypointRefinement {
  /** numpy's {@code np.finfo(np.float32).eps}, the ridge UDP adds before inverting the Hessian. */
  private static final double FLOAT32_EPS = Math.ulp(1.0f);

  private KeypointRefinement() {}

  /** MSRA: a quarter pixel towards the higher neighbour in x and in y. */
  public static void quarterOffset(float[][] keypoints, Heatmaps heatmaps) {
    int h = heatmaps.height();
    int w = heatmaps.width();
    for (int k = 0; k < keypoints.length; k++) {
      int x = (int) keypoints[k][0];
      int y = (int) keypoints[k][1];
      // MMPose's bounds, kept as they are (x needs 1 < x, y needs 1 < y, each with a loose other axis)
      double dx = (1 < x && x < w - 1 && 0 < y && y < h)
          ? heatmaps.get(k, y, x + 1) - heatmaps.get(k, y, x - 1) : 0;
      double dy = (1 < y && y < h - 1 && 0 < x && x < w)
          ? heatmaps.get(k, y + 1, x) - heatmaps.get(k, y - 1, x) : 0;
      keypoints[k][0] += (float) (Math.signum(dx) * 0.25);
      keypoints[k][1] += (float) (Math.signum(dy) * 0.25);
    }
  }

  /**
   * DARK: blur the heatmaps with the kernel, take logs, and move each keypoint by the Newton step
   * -H⁻¹∇ of a second-order Taylor expansion at the maximum.
   */
  public static void dark(float[][] keypoints, Heatmaps heatmaps, int blurKernelSize) {
    Heatmaps logs = heatmaps.copy();
    GaussianBlur.modulate(logs, blurKernelSize);
    float[] d = logs.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) Math.log(Math.max(d[i], 1e-10f));
    }
    int h = logs.height();
    int w = logs.width();
    for (int k = 0; k < keypoints.length; k++) {
      int x = (int) keypoints[k][0];
      int y = (int) keypoints[k][1];
      if (!(1 < x && x < w - 2 && 1 < y && y < h - 2)) {
        continue;
      }
      double dx = 0.5 * (logs.get(k, y, x + 1) - logs.get(k, y, x - 1));
      double dy = 0.5 * (logs.get(k, y + 1, x) - logs.get(k, y - 1, x));
      double dxx = 0.25 * (logs.get(k, y, x + 2) - 2 * logs.get(k, y, x) + logs.get(k, y, x - 2));
      double dxy = 0.25 * (logs.get(k, y + 1, x + 1) - logs.get(k, y - 1, x + 1)
          - logs.get(k, y + 1, x - 1) + logs.get(k, y - 1, x - 1));
      double dyy = 0.25 * (logs.get(k, y + 2, x) - 2 * logs.get(k, y, x) + logs.get(k, y - 2, x));
      double det = dxx * dyy - dxy * dxy;
      if (det != 0) {
        keypoints[k][0] += (float) (-(dyy * dx - dxy * dy) / det);
        keypoints[k][1] += (float) (-(-dxy * dx + dxx * dy) / det);
      }
    }
  }

  /**
   * UDP's DARK variant: blur, clip to [1e-3, 50], log, edge-pad by one pixel and take the Newton
   * step with one-pixel central differences and a float32-epsilon ridge on the Hessian.
   */
  public static void darkUdp(float[][] keypoints, Heatmaps heatmaps, int blurKernelSize) {
    Heatmaps logs = heatmaps.copy();
    GaussianBlur.modulate(logs, blurKernelSize);
    int h = logs.height();
    int w = logs.width();
    int pw = w + 2;
    int ph = h + 2;
    int channels = logs.channels();
    float[] padded = new float[channels * ph * pw];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < ph; y++) {
        for (int x = 0; x < pw; x++) {
          int sy = Math.min(Math.max(y - 1, 0), h - 1);
          int sx = Math.min(Math.max(x - 1, 0), w - 1);
          float v = Math.min(Math.max(logs.get(c, sy, sx), 1e-3f), 50f);
          padded[(c * ph + y) * pw + x] = (float) Math.log(v);
        }
      }
    }
    for (int k = 0; k < keypoints.length; k++) {
      int index = (int) (keypoints[k][0] + 1 + (keypoints[k][1] + 1) * pw) + pw * ph * k;
      double i0 = at(padded, index);
      double ix1 = at(padded, index + 1);
      double iy1 = at(padded, index + pw);
      double ix1y1 = at(padded, index + pw + 1);
      double ix1m_y1m = at(padded, index - pw - 1);
      double ix1m = at(padded, index - 1);
      double iy1m = at(padded, index - pw);
      double dx = 0.5 * (ix1 - ix1m);
      double dy = 0.5 * (iy1 - iy1m);
      double dxx = ix1 - 2 * i0 + ix1m + FLOAT32_EPS;
      double dyy = iy1 - 2 * i0 + iy1m + FLOAT32_EPS;
      double dxy = 0.5 * (ix1y1 - ix1 - iy1 + i0 + i0 - ix1m - iy1m + ix1m_y1m);
      double det = dxx * dyy - dxy * dxy;
      keypoints[k][0] -= (float) ((dyy * dx - dxy * dy) / det);
      keypoints[k][1] -= (float) ((-dxy * dx + dxx * dy) / det);
    }
  }

  /** numpy indexing of the flattened array: a negative index counts from the end. */
  private static double at(float[] flat, int index) {
    return flat[Math.floorMod(index, flat.length)];
  }
}
