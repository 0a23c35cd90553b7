package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code F.interpolate(mode='bilinear')} on NHWC features. With {@code align_corners}
 * False it samples at half-pixel centres clamped at the border, which is TensorFlow's
 * {@code half_pixel_centers}; with True the corners line up, as TensorFlow's {@code align_corners}.
 */
public final class Interpolate {
  private Interpolate() {}

  public static Operand<TFloat32> bilinear(Ops tf, Operand<TFloat32> x, int height, int width, boolean alignCorners) {
    if (x.shape().size(1) == height && x.shape().size(2) == width && !alignCorners) {
      return x; // half-pixel sampling at the same size is the identity
    }
    return tf.image.resizeBilinear(x, tf.constant(new int[] {height, width}),
        ResizeBilinear.alignCorners(alignCorners), ResizeBilinear.halfPixelCenters(!alignCorners));
  }

  /**
   * {@code scale_factor} resizing: PyTorch's output is {@code floor(n * s)} and it samples with
   * {@code 1 / s}, TensorFlow with {@code n / out}; the two agree only when {@code n * s} is whole,
   * so other factors are refused rather than sampled differently.
   */
  public static Operand<TFloat32> bilinear(Ops tf, Operand<TFloat32> x, double scaleFactor, boolean alignCorners) {
    return bilinear(tf, x, scaled(x.shape().size(1), scaleFactor), scaled(x.shape().size(2), scaleFactor), alignCorners);
  }

  private static int scaled(long size, double scaleFactor) {
    double exact = size * scaleFactor;
    if (exact != Math.floor(exact)) {
      throw new IllegalArgumentException("scale_factor " + scaleFactor + " on a feature of size " + size
          + " gives " + exact + ", not a whole size; PyTorch and TensorFlow would sample it differently");
    }
    return (int) exact;
  }
}
