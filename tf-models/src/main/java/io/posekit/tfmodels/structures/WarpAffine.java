package io.posekit.tfmodels.structures;

/**
 * {@code cv2.warpAffine(img, M, size, flags=INTER_LINEAR)} with a constant black border: every
 * output pixel samples the source at {@code M^-1 (x, y)} bilinearly. OpenCV interpolates in 5-bit
 * fixed point, so single pixel values may differ from it by one or two grey levels.
 */
public final class WarpAffine {
  private WarpAffine() {}

  public static ImageArray warp(ImageArray src, double[][] m, int outW, int outH) {
    return warp(src.data(), src.height(), src.width(), src.channels(), false, m, outW, outH);
  }

  /**
   * Warps a raw {@code (h, w, ch)} byte image. {@code reverseChannels} writes the channels in
   * reverse order (RGB in, BGR out), so a decoder's RGB output needs no separate conversion pass.
   */
  public static ImageArray warp(
      byte[] in, int h, int w, int ch, boolean reverseChannels, double[][] m, int outW, int outH) {
    if ((long) h * w * ch != in.length) {
      throw new IllegalArgumentException("image of " + h + " x " + w + " x " + ch + " needs " + (long) h * w * ch
          + " bytes, got " + in.length);
    }
    double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2];
    double det = a * e - b * d;
    if (det == 0) {
      throw new IllegalArgumentException("warp matrix is singular");
    }
    // inverse of the 2 x 3 map
    double ia = e / det, ib = -b / det, id = -d / det, ie = a / det;
    double ic = -(ia * c + ib * f), ifz = -(id * c + ie * f);
    byte[] out = new byte[outW * outH * ch];
    int row = w * ch;
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        double sx = ia * x + ib * y + ic;
        double sy = id * x + ie * y + ifz;
        double flx = Math.floor(sx), fly = Math.floor(sy);
        if (flx < -1 || fly < -1 || flx >= w || fly >= h) {
          continue; // all four neighbours outside: black
        }
        int x0 = (int) flx, y0 = (int) fly;
        double fx = sx - x0, fy = sy - y0;
        double w00 = (1 - fx), w01 = fx, w0 = (1 - fy), w1 = fy;
        int o = (y * outW + x) * ch;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
          // all four neighbours inside: no bounds checks
          int p00 = y0 * row + x0 * ch, p10 = p00 + row;
          for (int k = 0; k < ch; k++) {
            double v00 = in[p00 + k] & 0xff, v01 = in[p00 + ch + k] & 0xff;
            double v10 = in[p10 + k] & 0xff, v11 = in[p10 + ch + k] & 0xff;
            double v = (v00 * w00 + v01 * w01) * w0 + (v10 * w00 + v11 * w01) * w1;
            out[o + (reverseChannels ? ch - 1 - k : k)] = clamp(v);
          }
        } else {
          for (int k = 0; k < ch; k++) {
            double v00 = pixel(in, w, h, ch, x0, y0, k), v01 = pixel(in, w, h, ch, x0 + 1, y0, k);
            double v10 = pixel(in, w, h, ch, x0, y0 + 1, k), v11 = pixel(in, w, h, ch, x0 + 1, y0 + 1, k);
            double v = (v00 * w00 + v01 * w01) * w0 + (v10 * w00 + v11 * w01) * w1;
            out[o + (reverseChannels ? ch - 1 - k : k)] = clamp(v);
          }
        }
      }
    }
    return new ImageArray(outH, outW, ch, out);
  }

  private static byte clamp(double v) {
    return (byte) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static double pixel(byte[] in, int w, int h, int ch, int x, int y, int k) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return 0; // BORDER_CONSTANT with value 0
    }
    return in[(y * w + x) * ch + k] & 0xff;
  }
}
