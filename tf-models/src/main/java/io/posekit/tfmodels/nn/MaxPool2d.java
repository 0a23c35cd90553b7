package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.MaxPool2d(kernel, stride, padding)} (floor mode): pads with -∞ on every
 * side, where TensorFlow's "SAME" would pad only after.
 */
public final class MaxPool2d implements Layer {
  private final int kernelSize;
  private final int stride;
  private final int padding;

  public MaxPool2d(int kernelSize, int stride, int padding) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> in = padding == 0 ? x : Padding.constant(tf, x, padding, Float.NEGATIVE_INFINITY);
    return tf.nn.maxPool(in, tf.constant(new int[] {1, kernelSize, kernelSize, 1}),
        tf.constant(new int[] {1, stride, stride, 1}), "VALID");
  }

  @Override
  public long parameterCount() {
    return 0;
  }

}
