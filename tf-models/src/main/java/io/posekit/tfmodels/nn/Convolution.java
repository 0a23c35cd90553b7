package io.posekit.tfmodels.nn;

import io.posekit.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A convolution layer whose weight can be replaced by one derived from it: what folding an
 * eval-mode BatchNorm into the convolution needs ({@link ConvBn}).
 */
public interface Convolution extends Layer {
  /** The convolution with this layer's own weight, plus its bias if it has one. */
  @Override
  default Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> y = convolve(ctx, x, weight(ctx));
    Operand<TFloat32> bias = bias(ctx);
    return bias == null ? y : ctx.tf().nn.biasAdd(y, bias);
  }

  /** The weight variable, named {@code <scope>weight}. */
  Operand<TFloat32> weight(GraphContext ctx);

  /** The bias variable ({@code <scope>bias}), or null for a bias-free convolution. */
  @Nullable
  Operand<TFloat32> bias(GraphContext ctx);

  /** The bias variable of a layer of PyTorch class {@code module}, {@code <scope>bias}, one value per output channel. */
  static Operand<TFloat32> biasVariable(GraphContext ctx, int outChannels, Initializer init, String module) {
    return ctx.params().variable(ctx.tf(), ctx.name("bias"), Shape.of(outChannels), init, !ctx.frozen(), false, module);
  }

  /** The weight's output-channel axis: 3 for {@code [k, k, in, out]}, 2 for a transposed {@code [k, k, out, in]}. */
  int outChannelAxis();

  /**
   * {@code weight} with each output channel's filter multiplied by {@code scale[out]}: along the
   * last axis, or (transposed) the one before it. A grouped transposed convolution lays its
   * outputs out differently and overrides this.
   */
  default Operand<TFloat32> scaleOutputChannels(org.tensorflow.op.Ops tf, Operand<TFloat32> weight, Operand<TFloat32> scale) {
    return tf.math.mul(weight, outChannelAxis() == 3 ? scale : tf.expandDims(scale, tf.constant(-1)));
  }

  /** This convolution of {@code x} with {@code weight}, without the bias. */
  Operand<TFloat32> convolve(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight);
}
