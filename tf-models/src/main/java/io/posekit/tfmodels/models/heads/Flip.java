package io.posekit.tfmodels.models.heads;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** MMPose's {@code models/utils/tta.py} flips, as graph ops on batch-first outputs. */
public final class Flip {
  private Flip() {}

  /** MMPose's {@code flip_heatmaps(mode='heatmap')} on NHWC heatmaps: mirror, swap symmetric keypoints, shift right by one. */
  public static Operand<TFloat32> heatmaps(Ops tf, Operand<TFloat32> heatmaps, int[] flipIndices, boolean shift) {
    checkIndices(flipIndices, heatmaps.shape().size(3));
    Operand<TFloat32> h = tf.reverse(heatmaps, tf.constant(new int[] {2}));
    h = tf.gather(h, tf.constant(flipIndices), tf.constant(3));
    if (shift) {
      // heatmaps[..., 1:] = heatmaps[..., :-1]: column 0 stays, the rest move one to the right
      Shape s = heatmaps.shape();
      int b = (int) s.size(0);
      int hh = (int) s.size(1);
      int w = (int) s.size(2);
      int c = (int) s.size(3);
      var first = tf.slice(h, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {b, hh, 1, c}));
      var rest = tf.slice(h, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {b, hh, w - 1, c}));
      h = tf.concat(List.of(first, rest), tf.constant(2));
    }
    return h;
  }

  /**
   * MMPose's {@code flip_vectors}: SimCC's x vectors {@code [B, K, Wx]} reversed along x, both
   * vectors' keypoints swapped with their mirror partners.
   */
  public static List<Operand<TFloat32>> vectors(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, int[] flipIndices) {
    checkIndices(flipIndices, x.shape().size(1));
    var indices = tf.constant(flipIndices);
    Operand<TFloat32> fx = tf.gather(tf.reverse(x, tf.constant(new int[] {2})), indices, tf.constant(1));
    Operand<TFloat32> fy = tf.gather(y, indices, tf.constant(1));
    return List.of(fx, fy);
  }

  static void checkIndices(int[] flipIndices, long numKeypoints) {
    if (flipIndices == null || flipIndices.length != numKeypoints) {
      throw new IllegalArgumentException("flip test needs " + numKeypoints + " flip indices, got "
          + (flipIndices == null ? "none" : flipIndices.length));
    }
  }

  /**
   * MMPose's {@code flip_coordinates} on normalised coordinates {@code [B, K, D]}: x becomes
   * {@code 1 - x} (less one input pixel, {@code 1 / input_width}, with {@code shift}), then the
   * keypoints are swapped with their mirror partners. Further channels (RLE's sigmas) stay.
   */
  public static Operand<TFloat32> coordinates(Ops tf, Operand<TFloat32> coords, int[] flipIndices, boolean shift,
      int inputWidth) {
    checkIndices(flipIndices, coords.shape().size(1));
    int d = (int) coords.shape().size(2);
    float[] sign = new float[d];
    float[] offset = new float[d];
    java.util.Arrays.fill(sign, 1f);
    sign[0] = -1f;
    offset[0] = shift ? (float) (1.0 - 1.0 / inputWidth) : 1f;
    var flipped = tf.math.add(tf.math.mul(coords, tf.constant(sign)), tf.constant(offset));
    return tf.gather(flipped, tf.constant(flipIndices), tf.constant(1));
  }
}
