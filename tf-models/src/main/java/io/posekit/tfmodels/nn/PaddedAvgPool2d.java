package io.posekit.tfmodels.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.AvgPool2d(kernel, stride, padding)} with its defaults: floor mode, zero
 * padding counted in every window's average (always divided by {@code kernel^2}).
 */
public final class PaddedAvgPool2d implements Layer {
  private final int kernelSize;
  private final int stride;
  private final int padding;

  public PaddedAvgPool2d(int kernelSize, int stride, int padding) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> in = padding == 0 ? x : Padding.zeros(tf, x, padding);
    return tf.nn.avgPool(in, List.of(1L, (long) kernelSize, (long) kernelSize, 1L),
        List.of(1L, (long) stride, (long) stride, 1L), "VALID");
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
