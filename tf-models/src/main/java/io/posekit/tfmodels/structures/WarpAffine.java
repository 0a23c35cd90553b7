package io.posekit.tfmodels.structures;

/**
 * {@code cv2.warpAffine(img, M, size, flags=INTER_LINEAR)} with a constant black border: every
 * output pixel samples the source at {@code M^-1 (x, y)} bilinearly. OpenCV interpolates in 5-bit
 * fixed point, so single pixel values may differ from it by one or two grey levels.
 */
public final class WarpAffine {
  private WarpAffine() {}

  public static ImageArray warp(ImageArray src, double[][] m, int outW, int outH) {
    double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2];
    double det = a * e - b * d;
    if (det == 0) {
      throw new IllegalArgumentException("warp matrix is singular");
    }
    // inverse of the 2 x 3 map
    double ia = e / det, ib = -b / det, id = -d / det, ie = a / det;
    double ic = -(ia * c + ib * f), ifz = -(id * c + ie * f);
    int ch = src.channels();
    byte[] out = new byte[outW * outH * ch];
    byte[] in = src.data();
    int w = src.width(), h = src.height();
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        double sx = ia * x + ib * y + ic;
        double sy = id * x + ie * y + ifz;
        int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
        double fx = sx - x0, fy = sy - y0;
        for (int k = 0; k < ch; k++) {
          double v00 = pixel(in, w, h, ch, x0, y0, k), v01 = pixel(in, w, h, ch, x0 + 1, y0, k);
          double v10 = pixel(in, w, h, ch, x0, y0 + 1, k), v11 = pixel(in, w, h, ch, x0 + 1, y0 + 1, k);
          double v = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
          out[(y * outW + x) * ch + k] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
      }
    }
    return new ImageArray(outH, outW, ch, out);
  }

  private static double pixel(byte[] in, int w, int h, int ch, int x, int y, int k) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return 0; // BORDER_CONSTANT with value 0
    }
    return in[(y * w + x) * ch + k] & 0xff;
  }
}
