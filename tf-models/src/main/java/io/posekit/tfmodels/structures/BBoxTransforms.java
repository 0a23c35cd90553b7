package io.posekit.tfmodels.structures;

/**
 * Box geometry of MMPose's {@code mmpose/structures/bbox/transforms.py}: format conversions, box
 * flipping and the affine matrices that crop a box into a model input.
 */
public final class BBoxTransforms {
  private BBoxTransforms() {}

  /** {@code (x1, y1, x2, y2)} to centre and {@code (w, h) * padding}. Returns {centre, scale}. */
  public static double[][] bboxXyxy2cs(double[] bbox, double padding) {
    double[] center = {(bbox[2] + bbox[0]) * 0.5, (bbox[3] + bbox[1]) * 0.5};
    double[] scale = {(bbox[2] - bbox[0]) * padding, (bbox[3] - bbox[1]) * padding};
    return new double[][] {center, scale};
  }

  public static double[] bboxXywh2xyxy(double[] b) {
    return new double[] {b[0], b[1], b[0] + b[2], b[1] + b[3]};
  }

  public static double[] bboxXyxy2xywh(double[] b) {
    return new double[] {b[0], b[1], b[2] - b[0], b[3] - b[1]};
  }

  /** Flips an {@code xyxy} box in an image of {@code (w, h)}; MMPose's pixel-index convention ({@code w - x - 1}). */
  public static double[] flipBboxXyxy(double[] b, int w, int h, FlipDirection direction) {
    return switch (direction) {
      case HORIZONTAL -> new double[] {w - b[2] - 1, b[1], w - b[0] - 1, b[3]};
      case VERTICAL -> new double[] {b[0], h - b[3] - 1, b[2], h - b[1] - 1};
      case DIAGONAL -> new double[] {w - b[2] - 1, h - b[3] - 1, w - b[0] - 1, h - b[1] - 1};
    };
  }

  /** Flips a box centre (MMPose's {@code bbox_format='center'}). */
  public static double[] flipCenter(double[] c, int w, int h, FlipDirection direction) {
    return switch (direction) {
      case HORIZONTAL -> new double[] {w - c[0] - 1, c[1]};
      case VERTICAL -> new double[] {c[0], h - c[1] - 1};
      case DIAGONAL -> new double[] {w - c[0] - 1, h - c[1] - 1};
    };
  }

  /**
   * The 2 x 3 matrix mapping the box {@code (center, scale)} rotated by {@code rot} degrees onto an
   * output of {@code (outW, outH)}, as {@code get_warp_matrix}: three point pairs (centre, a point
   * half a width to the left, and a third point at right angles) in float32, solved exactly.
   */
  public static double[][] getWarpMatrix(double[] center, double[] scale, double rot, int outW, int outH) {
    double rotRad = Math.toRadians(rot);
    double srcW = scale[0];
    // the point half a box width to the left of the centre, rotated with the box
    double sn = Math.sin(rotRad), cs = Math.cos(rotRad);
    double[] srcDir = {cs * (srcW * -0.5) - sn * 0.0, sn * (srcW * -0.5) + cs * 0.0};
    float[][] src = new float[3][2];
    float[][] dst = new float[3][2];
    src[0] = new float[] {(float) center[0], (float) center[1]};
    src[1] = new float[] {(float) (center[0] + srcDir[0]), (float) (center[1] + srcDir[1])};
    dst[0] = new float[] {(float) (outW * 0.5), (float) (outH * 0.5)};
    dst[1] = new float[] {(float) (outW * 0.5 + outW * -0.5), (float) (outH * 0.5)};
    src[2] = thirdPoint(src[0], src[1]);
    dst[2] = thirdPoint(dst[0], dst[1]);
    return affineFromPoints(src, dst);
  }

  /** {@code _get_3rd_point}: {@code b} plus {@code a - b} turned by 90 degrees. */
  private static float[] thirdPoint(float[] a, float[] b) {
    float dx = a[0] - b[0], dy = a[1] - b[1];
    return new float[] {b[0] - dy, b[1] + dx};
  }

  /** The affine map taking the three {@code src} points to the {@code dst} points (OpenCV's getAffineTransform). */
  static double[][] affineFromPoints(float[][] src, float[][] dst) {
    double x0 = src[0][0], y0 = src[0][1], x1 = src[1][0], y1 = src[1][1], x2 = src[2][0], y2 = src[2][1];
    double det = x0 * (y1 - y2) - y0 * (x1 - x2) + (x1 * y2 - x2 * y1);
    if (det == 0) {
      throw new IllegalArgumentException("degenerate box: its warp points are collinear (zero-size scale?)");
    }
    double[][] m = new double[2][3];
    for (int r = 0; r < 2; r++) {
      double u0 = dst[0][r], u1 = dst[1][r], u2 = dst[2][r];
      // Cramer's rule on [x y 1] * [a b c]^T = u
      m[r][0] = (u0 * (y1 - y2) - y0 * (u1 - u2) + (u1 * y2 - u2 * y1)) / det;
      m[r][1] = (x0 * (u1 - u2) - u0 * (x1 - x2) + (x1 * u2 - x2 * u1)) / det;
      m[r][2] = (x0 * (y1 * u2 - y2 * u1) - y0 * (x1 * u2 - x2 * u1) + u0 * (x1 * y2 - x2 * y1)) / det;
    }
    return m;
  }

  /**
   * The unbiased-data-processing matrix of {@code get_udp_warp_matrix}: maps pixel centres so that
   * the box spans {@code output - 1} pixels; float32 as MMPose stores it.
   */
  public static double[][] getUdpWarpMatrix(double[] center, double[] scale, double rot, int outW, int outH) {
    double inW = center[0] * 2, inH = center[1] * 2;
    double r = Math.toRadians(rot);
    double scaleX = (outW - 1) / scale[0];
    double scaleY = (outH - 1) / scale[1];
    double c = Math.cos(r), s = Math.sin(r);
    double[][] m = new double[2][3];
    m[0][0] = (float) (c * scaleX);
    m[0][1] = (float) (-s * scaleX);
    m[0][2] = (float) (scaleX * (-0.5 * inW * c + 0.5 * inH * s + 0.5 * scale[0]));
    m[1][0] = (float) (s * scaleY);
    m[1][1] = (float) (c * scaleY);
    m[1][2] = (float) (scaleY * (-0.5 * inW * s - 0.5 * inH * c + 0.5 * scale[1]));
    return m;
  }

  /** Applies a 2 x 3 matrix to a point. */
  public static double[] apply(double[][] m, double x, double y) {
    return new double[] {m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2]};
  }
}
