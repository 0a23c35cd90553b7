package io.posekit.tfmodels.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.ConvTranspose2d(in, out, k, stride, padding, output_padding)}: the full
 * ("VALID") transposed convolution of size (n-1)s + k, cropped by {@code padding} at the start,
 * giving (n-1)s - 2p + k + output_padding. Weight {@code [k, k, out, in]}.
 */
public final class ConvTranspose2d implements Convolution {
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final int outputPadding;
  private final boolean bias;
  private final Initializer weightInit;

  public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
      int outputPadding, boolean bias, Initializer weightInit) {
    if (outputPadding > padding) {
      throw new IllegalArgumentException("output_padding " + outputPadding + " > padding " + padding);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.outputPadding = outputPadding;
    this.bias = bias;
    this.weightInit = weightInit;
  }

  /** The weight variable, {@code [k, k, out, in]}. */
  @Override
  public Operand<TFloat32> weight(GraphContext ctx) {
    return ctx.params().variable(ctx.tf(), ctx.name("weight"),
        Shape.of(kernelSize, kernelSize, outChannels, inChannels), weightInit, !ctx.frozen(), false, "ConvTranspose2d");
  }

  @Override
  public Operand<TFloat32> bias(GraphContext ctx) {
    return bias ? Convolution.biasVariable(ctx, outChannels, Initializer.constant(0f), "ConvTranspose2d") : null;
  }

  @Override
  public int outChannelAxis() {
    return 2;
  }

  @Override
  public Operand<TFloat32> convolve(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight) {
    var tf = ctx.tf();
    int channels = outChannels;
    if (outChannels % 2 == 1 && ctx.precision().needsEvenChannels()) {
      // the gradient with respect to x convolves the output's gradient, oneDNN's bfloat16 bug on odd
      // channel counts (Precision#needsEvenChannels): compute one zero channel more, slice it off
      weight = Padding.oneMore(tf, weight, 2);
      channels++;
    }
    int b = (int) x.shape().size(0);
    int h = (int) x.shape().size(1);
    int w = (int) x.shape().size(2);
    int fullH = (h - 1) * stride + kernelSize;
    int fullW = (w - 1) * stride + kernelSize;
    Operand<TFloat32> y = tf.nn.conv2dBackpropInput(tf.constant(new int[] {b, fullH, fullW, channels}),
        weight, x, List.of(1L, (long) stride, (long) stride, 1L), "VALID");
    int outH = fullH - 2 * padding + outputPadding;
    int outW = fullW - 2 * padding + outputPadding;
    if (outH != fullH || outW != fullW || channels != outChannels) {
      y = tf.slice(y, tf.constant(new int[] {0, padding, padding, 0}), tf.constant(new int[] {b, outH, outW, outChannels}));
    }
    return y;
  }

  @Override
  public long parameterCount() {
    return (long) kernelSize * kernelSize * inChannels * outChannels + (bias ? outChannels : 0);
  }
}
