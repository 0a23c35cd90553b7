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
    if (ch == 3) {
      return warp3(in, h, w, reverseChannels, ia, ib, ic, id, ie, ifz, outW, outH);
    }
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

  /**
   * The three-channel case (every image the pipelines see) with the channel loop unrolled; the same
   * arithmetic as the general loop, in the same order, so the same pixels.
   */
  private static ImageArray warp3(byte[] in, int h, int w, boolean reverse, double ia, double ib, double ic,
      double id, double ie, double ifz, int outW, int outH) {
    byte[] out = new byte[outW * outH * 3];
    int row = w * 3;
    int c0 = reverse ? 2 : 0, c2 = reverse ? 0 : 2;
    for (int y = 0; y < outH; y++) {
      double ibY = ib * y, ieY = ie * y;
      for (int x = 0; x < outW; x++) {
        double sx = ia * x + ibY + ic;
        double sy = id * x + ieY + ifz;
        double flx = Math.floor(sx), fly = Math.floor(sy);
        if (flx < -1 || fly < -1 || flx >= w || fly >= h) {
          continue;
        }
        int x0 = (int) flx, y0 = (int) fly;
        double fx = sx - x0, fy = sy - y0;
        double w00 = (1 - fx), w01 = fx, w0 = (1 - fy), w1 = fy;
        int o = (y * outW + x) * 3;
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
          int p00 = y0 * row + x0 * 3, p10 = p00 + row;
          out[o + c0] = round(in[p00] & 0xff, in[p00 + 3] & 0xff, in[p10] & 0xff, in[p10 + 3] & 0xff, w00, w01, w0, w1);
          out[o + 1] = round(in[p00 + 1] & 0xff, in[p00 + 4] & 0xff, in[p10 + 1] & 0xff, in[p10 + 4] & 0xff, w00, w01, w0, w1);
          out[o + c2] = round(in[p00 + 2] & 0xff, in[p00 + 5] & 0xff, in[p10 + 2] & 0xff, in[p10 + 5] & 0xff, w00, w01, w0, w1);
        } else {
          for (int k = 0; k < 3; k++) {
            double v00 = pixel(in, w, h, 3, x0, y0, k), v01 = pixel(in, w, h, 3, x0 + 1, y0, k);
            double v10 = pixel(in, w, h, 3, x0, y0 + 1, k), v11 = pixel(in, w, h, 3, x0 + 1, y0 + 1, k);
            out[o + (reverse ? 2 - k : k)] = round(v00, v01, v10, v11, w00, w01, w0, w1);
          }
        }
      }
    }
    return new ImageArray(outH, outW, 3, out);
  }

  /**
   * The bilinear value rounded half up. The weights are in [0, 1], so the value is in [0, 255] and
   * {@code (int) (v + 0.5)} rounds as {@link Math#round} does (which is slower: it is not intrinsic).
   */
  private static byte round(double v00, double v01, double v10, double v11, double w00, double w01, double w0, double w1) {
    double v = (v00 * w00 + v01 * w01) * w0 + (v10 * w00 + v11 * w01) * w1;
    return (byte) Math.min(255, (int) (v + 0.5));
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
