package io.posekit.tfmodels.models.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** MMPose's {@code channel_shuffle}: channels as {@code [groups, C / groups]} transposed, so each group's channels interleave. */
public final class ChannelShuffle {
  private ChannelShuffle() {}

  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, int groups) {
    long n = x.shape().size(0);
    long h = x.shape().size(1);
    long w = x.shape().size(2);
    long c = x.shape().size(3);
    if (c % groups != 0) {
      throw new IllegalArgumentException("num_channels " + c + " should be divisible by groups " + groups);
    }
    var split = tf.reshape(x, tf.constant(new long[] {n, h, w, groups, c / groups}));
    var swapped = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 2, 4, 3}));
    return tf.reshape(swapped, tf.constant(new long[] {n, h, w, c}));
  }
}
