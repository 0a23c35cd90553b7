package io.posekit.tfmodels.structures;

/**
 * A JPEG loaded but not yet decoded: its bytes, its size from the header, and the flips applied to
 * it since loading. {@code LoadImage} leaves one of these in a sample so that {@code TopdownAffine}
 * decodes only the pixels under the sample's box ({@link #warp}); anything that needs the whole
 * image calls {@link #decode()}. Immutable: a flip returns a new one.
 *
 * <p>Geometry: a flip maps a file pixel {@code x} to {@code w - 1 - x} (what {@link ImageArray#flip}
 * does), so warping the file with {@code M . F} equals warping the flipped image with {@code M}.
 * A decode at {@code 1 / r} scale gives pixel {@code u} the file area {@code [r u, r u + r)}, whose
 * centre is {@code r u + (r - 1) / 2}.
 */
public final class EncodedImage {
  private final String path;
  private final byte[] bytes;
  private final JpegHeader header;
  private final boolean reducedScale;
  private final boolean flipX;
  private final boolean flipY;

  private EncodedImage(
      String path, byte[] bytes, JpegHeader header, boolean reducedScale, boolean flipX, boolean flipY) {
    this.path = path;
    this.bytes = bytes;
    this.header = header;
    this.reducedScale = reducedScale;
    this.flipX = flipX;
    this.flipY = flipY;
  }

  /**
   * Reads the header of a JPEG's bytes; {@code path} is for messages. {@code reducedScale} lets
   * {@link #warp} decode at reduced scale when the warp shrinks the image at least twofold.
   */
  public static EncodedImage ofJpeg(String path, byte[] bytes, boolean reducedScale) {
    JpegHeader header;
    try {
      header = JpegHeader.read(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
    return new EncodedImage(path, bytes, header, reducedScale, false, false);
  }

  public String path() {
    return path;
  }

  public int height() {
    return header.height();
  }

  public int width() {
    return header.width();
  }

  /** {@code (h, w)}, as MMPose's {@code img_shape}. */
  public int[] shape() {
    return new int[] {header.height(), header.width()};
  }

  /** This image mirrored along {@code direction}; nothing is decoded. */
  public EncodedImage flip(FlipDirection direction) {
    boolean x = direction == FlipDirection.HORIZONTAL || direction == FlipDirection.DIAGONAL;
    boolean y = direction == FlipDirection.VERTICAL || direction == FlipDirection.DIAGONAL;
    return new EncodedImage(path, bytes, header, reducedScale, flipX ^ x, flipY ^ y);
  }

  /** The whole image as BGR bytes, flips applied. */
  public ImageArray decode() {
    int h = header.height(), w = header.width();
    byte[] rgb = decodeRgb(1, 0, 0, h, w);
    byte[] bgr = new byte[rgb.length];
    for (int i = 0; i < rgb.length; i += 3) {
      bgr[i] = rgb[i + 2];
      bgr[i + 1] = rgb[i + 1];
      bgr[i + 2] = rgb[i];
    }
    ImageArray image = new ImageArray(h, w, 3, bgr);
    if (flipX && flipY) {
      return image.flip(FlipDirection.DIAGONAL);
    }
    if (flipX) {
      return image.flip(FlipDirection.HORIZONTAL);
    }
    return flipY ? image.flip(FlipDirection.VERTICAL) : image;
  }

  /**
   * {@code WarpAffine.warp(decode(), m, outW, outH)}, decoding only the window of the file that the
   * warp samples (plus a pixel of margin against rounding). With reduced-scale decoding allowed
   * ({@link #ofJpeg}), when the warp
   * shrinks the image by {@code s >= 2} the file is decoded at the largest {@code 1 / r} scale with
   * {@code r <= s} (r in 2, 4, 8), which is libjpeg's area-averaged downscale instead of bilinear
   * sampling of every r-th pixel: not the same pixels, a smoother crop.
   */
  public ImageArray warp(double[][] m, int outW, int outH) {
    int h = header.height(), w = header.width();
    // file pixel -> logical (flipped) pixel, then the warp: A = M . F
    double[][] a = {m[0].clone(), m[1].clone()};
    if (flipX) { // x_l = (w - 1) - x_f
      a[0][2] += a[0][0] * (w - 1);
      a[0][0] = -a[0][0];
      a[1][2] += a[1][0] * (w - 1);
      a[1][0] = -a[1][0];
    }
    if (flipY) { // y_l = (h - 1) - y_f
      a[0][2] += a[0][1] * (h - 1);
      a[0][1] = -a[0][1];
      a[1][2] += a[1][1] * (h - 1);
      a[1][1] = -a[1][1];
    }
    double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
    if (det == 0) {
      throw new IllegalArgumentException("warp matrix is singular");
    }
    // output pixel -> file pixel
    double ia = a[1][1] / det, ib = -a[0][1] / det, id = -a[1][0] / det, ie = a[0][0] / det;
    double ic = -(ia * a[0][2] + ib * a[1][2]), iff = -(id * a[0][2] + ie * a[1][2]);
    int ratio = 1;
    if (reducedScale) {
      double shrink = Math.sqrt(Math.abs(ia * ie - ib * id)); // file pixels per output pixel
      for (int r : JpegDecoder.RATIOS) {
        if (r <= shrink) {
          ratio = r;
        }
      }
    }
    double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
    for (int cy = 0; cy <= 1; cy++) {
      for (int cx = 0; cx <= 1; cx++) {
        double ox = cx * (outW - 1), oy = cy * (outH - 1);
        double fx = ia * ox + ib * oy + ic, fy = id * ox + ie * oy + iff;
        xmin = Math.min(xmin, fx);
        xmax = Math.max(xmax, fx);
        ymin = Math.min(ymin, fy);
        ymax = Math.max(ymax, fy);
      }
    }
    // the window in the (scaled) decoded image: every pixel a bilinear sample touches, plus a margin
    double half = (ratio - 1) / 2.0;
    int sw = JpegDecoder.scaled(w, ratio), sh = JpegDecoder.scaled(h, ratio);
    int x0 = (int) Math.max(0, Math.floor((xmin - half) / ratio) - 1);
    int y0 = (int) Math.max(0, Math.floor((ymin - half) / ratio) - 1);
    int x1 = (int) Math.min(sw - 1, Math.floor((xmax - half) / ratio) + 2);
    int y1 = (int) Math.min(sh - 1, Math.floor((ymax - half) / ratio) + 2);
    if (x1 < x0 || y1 < y0) {
      return ImageArray.zeros(outH, outW, 3); // the box lies wholly outside the image
    }
    int cw = x1 - x0 + 1, ch = y1 - y0 + 1;
    byte[] rgb = decodeRgb(ratio, y0, x0, ch, cw);
    // window pixel (u, v) is file pixel (r (u + x0) + half, r (v + y0) + half): A . C
    double tx = ratio * x0 + half, ty = ratio * y0 + half;
    double[][] warp = {
      {a[0][0] * ratio, a[0][1] * ratio, a[0][0] * tx + a[0][1] * ty + a[0][2]},
      {a[1][0] * ratio, a[1][1] * ratio, a[1][0] * tx + a[1][1] * ty + a[1][2]}
    };
    return WarpAffine.warp(rgb, ch, cw, 3, true, warp, outW, outH);
  }

  private byte[] decodeRgb(int ratio, int y, int x, int h, int w) {
    try {
      return JpegDecoder.get().decodeRgb(bytes, ratio, y, x, h, w);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot decode " + path + ": " + e.getMessage(), e);
    }
  }
}
