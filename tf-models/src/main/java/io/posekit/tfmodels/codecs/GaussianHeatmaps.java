package io.posekit.tfmodels.codecs;

/**
 * The target generators of MMPose's {@code codecs/utils/gaussian_heatmap.py} and
 * {@code offset_heatmap.py}, for one instance. Keypoints are already in heatmap pixels.
 */
public final class GaussianHeatmaps {
  private GaussianHeatmaps() {}

  /**
   * MSRA targets: a Gaussian patch of radius 3σ centred on the keypoint rounded to the nearest
   * pixel; a keypoint whose patch lies wholly outside the map gets weight 0.
   */
  public static EncodedTargets msra(
      int width, int height, float[][] keypoints, float[] visible, double sigma) {
    return windowed(width, height, keypoints, visible, sigma, false);
  }

  /**
   * UDP targets: like {@link #msra} but the Gaussian is centred on the exact sub-pixel keypoint
   * within the patch.
   */
  public static EncodedTargets udp(
      int width, int height, float[][] keypoints, float[] visible, double sigma) {
    return windowed(width, height, keypoints, visible, sigma, true);
  }

  /**
   * A Gaussian in the 3-sigma window around each keypoint's rounded position, centred on that
   * pixel (MSRA) or on the exact sub-pixel position (UDP); a window entirely off the map gives the
   * keypoint weight 0.
   */
  private static EncodedTargets windowed(
      int width, int height, float[][] keypoints, float[] visible, double sigma, boolean subPixel) {
    int k = keypoints.length;
    Heatmaps heatmaps = Heatmaps.zeros(k, height, width);
    float[] weights = visible.clone();
    double radius = sigma * 3;
    int size = (int) Math.ceil(2 * radius + 1); // numpy's arange(0, 2r+1) has ceil(2r+1) values
    double centre = Math.floor((2 * radius + 1) / 2);
    for (int j = 0; j < k; j++) {
      if (visible[j] < 0.5f) {
        continue;
      }
      // numpy's astype(int64) truncates towards zero, so does Java's cast
      long muX = (long) (keypoints[j][0] + 0.5f);
      long muY = (long) (keypoints[j][1] + 0.5f);
      long left = (long) (muX - radius);
      long top = (long) (muY - radius);
      long right = (long) (muX + radius + 1);
      long bottom = (long) (muY + radius + 1);
      if (left >= width || top >= height || right < 0 || bottom < 0) {
        weights[j] = 0;
        continue;
      }
      double x0 = subPixel ? centre + (keypoints[j][0] - muX) : centre;
      double y0 = subPixel ? centre + (keypoints[j][1] - muY) : centre;
      paste(heatmaps, j, left, top, right, bottom, size, x0, y0, sigma);
    }
    return EncodedTargets.of(heatmaps, weights);
  }

  /** DARK targets: a Gaussian over the whole map centred on the exact keypoint. */
  public static EncodedTargets unbiased(
      int width, int height, float[][] keypoints, float[] visible, double sigma) {
    int k = keypoints.length;
    Heatmaps heatmaps = Heatmaps.zeros(k, height, width);
    float[] weights = visible.clone();
    double radius = sigma * 3;
    for (int j = 0; j < k; j++) {
      if (visible[j] < 0.5f) {
        continue;
      }
      double mx = keypoints[j][0];
      double my = keypoints[j][1];
      if (mx - radius >= width || my - radius >= height || mx + radius + 1 < 0 || my + radius + 1 < 0) {
        weights[j] = 0;
        continue;
      }
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          float g = (float) Math.exp(-((x - mx) * (x - mx) + (y - my) * (y - my)) / (2 * sigma * sigma));
          heatmaps.set(j, y, x, Math.max(heatmaps.get(j, y, x), g));
        }
      }
    }
    return EncodedTargets.of(heatmaps, weights);
  }

  /**
   * UDP "combined" targets: per keypoint a disc classification map of radius
   * {@code radiusFactor * max(W, H)} and the x/y offsets to the keypoint divided by that radius,
   * laid out as channels (3k, 3k+1, 3k+2).
   */
  public static EncodedTargets offset(
      int width, int height, float[][] keypoints, float[] visible, double radiusFactor) {
    int k = keypoints.length;
    Heatmaps heatmaps = Heatmaps.zeros(3 * k, height, width);
    float[] weights = visible.clone();
    double radius = radiusFactor * Math.max(width, height);
    for (int j = 0; j < k; j++) {
      if (visible[j] < 0.5f) {
        continue;
      }
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double dx = (keypoints[j][0] - x) / radius;
          double dy = (keypoints[j][1] - y) / radius;
          heatmaps.set(3 * j, y, x, dx * dx + dy * dy <= 1 ? 1f : 0f);
          heatmaps.set(3 * j + 1, y, x, (float) dx);
          heatmaps.set(3 * j + 2, y, x, (float) dy);
        }
      }
    }
    return EncodedTargets.of(heatmaps, weights);
  }

  /** Max-merges the clipped Gaussian patch {@code [top, bottom) x [left, right)} into channel k. */
  private static void paste(
      Heatmaps heatmaps, int k, long left, long top, long right, long bottom,
      int size, double x0, double y0, double sigma) {
    int w = heatmaps.width();
    int h = heatmaps.height();
    long hx1 = Math.max(0, left);
    long hx2 = Math.min(w, right);
    long hy1 = Math.max(0, top);
    long hy2 = Math.min(h, bottom);
    for (long y = hy1; y < hy2; y++) {
      long gy = y - top;
      if (gy >= size) {
        break; // numpy slicing past the patch end yields nothing
      }
      for (long x = hx1; x < hx2; x++) {
        long gx = x - left;
        if (gx >= size) {
          break;
        }
        float g = (float) Math.exp(-((gx - x0) * (gx - x0) + (gy - y0) * (gy - y0)) / (2 * sigma * sigma));
        int yi = (int) y;
        int xi = (int) x;
        heatmaps.set(k, yi, xi, Math.max(heatmaps.get(k, yi, xi), g));
      }
    }
  }
}
