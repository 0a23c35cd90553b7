package io.posekit.tfmodels.codecs;

/**
 * OpenCV's {@code GaussianBlur(src, (k, k), 0)} on one float map, and MMPose's
 * {@code gaussian_blur} heatmap modulation built on it.
 */
public final class GaussianBlur {
  private GaussianBlur() {}

  /**
   * OpenCV's {@code getGaussianKernel(k, 0)}: fixed tables up to size 7, otherwise
   * σ = 0.3((k-1)/2 - 1) + 0.8, normalised to sum 1.
   */
  public static double[] kernel(int size) {
    if (size % 2 != 1) {
      throw new IllegalArgumentException("kernel size must be odd, got " + size);
    }
    switch (size) {
      case 1:
        return new double[] {1};
      case 3:
        return new double[] {0.25, 0.5, 0.25};
      case 5:
        return new double[] {0.0625, 0.25, 0.375, 0.25, 0.0625};
      case 7:
        return new double[] {0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125};
      default:
        double sigma = 0.3 * ((size - 1) * 0.5 - 1) + 0.8;
        double[] k = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
          double x = i - (size - 1) / 2.0;
          k[i] = Math.exp(-x * x / (2 * sigma * sigma));
          sum += k[i];
        }
        for (int i = 0; i < size; i++) {
          k[i] /= sum;
        }
        return k;
    }
  }

  /** Separable blur with OpenCV's default border, BORDER_REFLECT_101 ({@code gfedcb|abcdefgh|gfedcba}). */
  public static float[][] blur(float[][] map, int size) {
    double[] k = kernel(size);
    int r = size / 2;
    int h = map.length;
    int w = map[0].length;
    double[][] rows = new double[h][w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double acc = 0;
        for (int i = -r; i <= r; i++) {
          acc += k[i + r] * map[y][reflect101(x + i, w)];
        }
        rows[y][x] = acc;
      }
    }
    float[][] out = new float[h][w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double acc = 0;
        for (int i = -r; i <= r; i++) {
          acc += k[i + r] * rows[reflect101(y + i, h)][x];
        }
        out[y][x] = (float) acc;
      }
    }
    return out;
  }

  /**
   * {@code GaussianBlur(row, (size, 1), 0)} on a one-row float32 image as OpenCV's generic row filter
   * computes it (kernels wider than 5): the kernel rounded to float32, one fused multiply-add per
   * tap in kernel order, BORDER_REFLECT_101. The exact order matters: DARK's Taylor step divides by
   * a second difference of these values.
   */
  public static float[] blurRow(float[] row, int size) {
    double[] k = kernel(size);
    float[] kf = new float[size];
    for (int i = 0; i < size; i++) {
      kf[i] = (float) k[i];
    }
    int r = size / 2;
    int w = row.length;
    float[] out = new float[w];
    for (int x = 0; x < w; x++) {
      float acc = 0f;
      for (int i = 0; i < size; i++) {
        acc = Math.fma(kf[i], row[reflect101(x - r + i, w)], acc);
      }
      out[x] = acc;
    }
    return out;
  }

  /**
   * MMPose's {@code gaussian_blur}: blur each channel inside a zero border as wide as the kernel
   * radius, then rescale so the channel keeps its original maximum. Works in place.
   */
  public static void modulate(Heatmaps heatmaps, int size) {
    int border = (size - 1) / 2;
    int h = heatmaps.height();
    int w = heatmaps.width();
    for (int c = 0; c < heatmaps.channels(); c++) {
      float[][] padded = new float[h + 2 * border][w + 2 * border];
      float originMax = Float.NEGATIVE_INFINITY;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float v = heatmaps.get(c, y, x);
          padded[y + border][x + border] = v;
          originMax = Math.max(originMax, v);
        }
      }
      float[][] blurred = blur(padded, size);
      float newMax = Float.NEGATIVE_INFINITY;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          newMax = Math.max(newMax, blurred[y + border][x + border]);
        }
      }
      float scale = originMax / newMax;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          heatmaps.set(c, y, x, blurred[y + border][x + border] * scale);
        }
      }
    }
  }

  private static int reflect101(int i, int n) {
    if (n == 1) {
      return 0;
    }
    while (i < 0 || i >= n) {
      i = i < 0 ? -i : 2 * n - 2 - i;
    }
    return i;
  }
}
