package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** PyTorch-style symmetric spatial padding of an NHWC tensor. */
final class Padding {
  private Padding() {}

  static Operand<TFloat32> zeros(Ops tf, Operand<TFloat32> x, int pad) {
    return constant(tf, x, pad, 0f);
  }

  static Operand<TFloat32> constant(Ops tf, Operand<TFloat32> x, int pad, float value) {
    return tf.pad(x, tf.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}), tf.constant(value));
  }

  /** One zero slice appended along {@code axis} of a rank-4 tensor. */
  static Operand<TFloat32> oneMore(Ops tf, Operand<TFloat32> x, int axis) {
    int[][] pads = new int[4][2];
    pads[axis][1] = 1;
    return tf.pad(x, tf.constant(pads), tf.constant(0f));
  }
}
