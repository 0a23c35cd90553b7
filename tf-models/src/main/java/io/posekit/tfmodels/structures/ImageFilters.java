package io.posekit.tfmodels.structures;

import java.util.Arrays;

/**
 * OpenCV's smoothing filters on 8-bit images, bit for bit: {@code cv2.blur} (normalized box
 * filter, mirrored borders, rounded) and {@code cv2.medianBlur} (replicated
 * borders). Albumentations' {@code Blur} and {@code MedianBlur} call exactly these.
 */
public final class ImageFilters {
  private ImageFilters() {}

  /** {@code cv2.blur(img, (k, k))} with {@code BORDER_REFLECT_101}. */
  public static ImageArray blur(ImageArray img, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("blur kernel must be at least 1, got " + k);
    }
    int h = img.height(), w = img.width(), c = img.channels();
    int r = k / 2; // the anchor is the kernel centre
    byte[] src = img.data();
    double scale = 1.0 / (k * k); // the sum times 1/k^2, rounded as saturate_cast<uchar>(double)
    int[] rowSums = new int[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          int s = 0;
          for (int dx = -r; dx <= r; dx++) {
            s += src[(y * w + reflect101(x + dx, w)) * c + ch] & 0xff;
          }
          rowSums[(y * w + x) * c + ch] = s;
        }
      }
    }
    byte[] out = new byte[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          int s = 0;
          for (int dy = -r; dy <= r; dy++) {
            s += rowSums[(reflect101(y + dy, h) * w + x) * c + ch];
          }
          out[(y * w + x) * c + ch] = (byte) Math.min(255, (int) Math.rint(s * scale));
        }
      }
    }
    return new ImageArray(h, w, c, out);
  }

  /** {@code cv2.medianBlur(img, k)}: the median of each k x k window, borders replicated. */
  public static ImageArray medianBlur(ImageArray img, int k) {
    if (k < 3 || k % 2 == 0) {
      throw new IllegalArgumentException("median blur kernel must be odd and at least 3, got " + k);
    }
    int h = img.height(), w = img.width(), c = img.channels();
    int r = k / 2;
    byte[] src = img.data();
    byte[] out = new byte[src.length];
    int[] hist = new int[256];
    int half = k * k / 2;
    for (int y = 0; y < h; y++) {
      for (int ch = 0; ch < c; ch++) {
        // a sliding histogram along the row: add the entering column, drop the leaving one
        Arrays.fill(hist, 0);
        for (int dx = -r; dx <= r; dx++) {
          addColumn(hist, src, w, h, c, ch, y, r, clamp(dx, w), 1);
        }
        for (int x = 0; x < w; x++) {
          if (x > 0) {
            addColumn(hist, src, w, h, c, ch, y, r, clamp(x + r, w), 1);
            addColumn(hist, src, w, h, c, ch, y, r, clamp(x - r - 1, w), -1);
          }
          int seen = 0, v = 0;
          while ((seen += hist[v]) <= half) {
            v++;
          }
          out[(y * w + x) * c + ch] = (byte) v;
        }
      }
    }
    return new ImageArray(h, w, c, out);
  }

  private static void addColumn(int[] hist, byte[] src, int w, int h, int c, int ch, int y, int r, int x, int sign) {
    for (int dy = -r; dy <= r; dy++) {
      hist[src[(clamp(y + dy, h) * w + x) * c + ch] & 0xff] += sign;
    }
  }

  /** {@code BORDER_REFLECT_101}: -1 maps to 1, n to n - 2. */
  static int reflect101(int i, int n) {
    if (n == 1) {
      return 0;
    }
    while (i < 0 || i >= n) {
      i = i < 0 ? -i : 2 * n - 2 - i;
    }
    return i;
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }
}
