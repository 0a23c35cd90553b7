package io.posekit.tfmodels.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.ConvTranspose2d(in, out, k, stride, padding, output_padding)}: the full
 * ("VALID") transposed convolution of size (n-1)s + k, cropped by {@code padding} at the start,
 * giving (n-1)s - 2p + k + output_padding. Weight {@code [k, k, out / groups, in]} (PyTorch's
 * {@code [in, out / groups, k, k]} permuted). With {@code groups} each slice of in / groups input
 * channels makes its out / groups outputs (computed as one convolution with a block-diagonal filter).
 */
public final class ConvTranspose2d implements Convolution {
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final int outputPadding;
  private final int groups;
  private final boolean bias;
  private final Initializer weightInit;

  public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
      int outputPadding, boolean bias, Initializer weightInit) {
    this(inChannels, outChannels, kernelSize, stride, padding, outputPadding, 1, bias, weightInit);
  }

  public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
      int outputPadding, int groups, boolean bias, Initializer weightInit) {
    if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException("ConvTranspose2d channels " + inChannels + " -> " + outChannels
          + " must be divisible by groups " + groups);
    }
    this.groups = groups;
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
        Shape.of(kernelSize, kernelSize, outChannels / groups, inChannels), weightInit, !ctx.frozen(), false, "ConvTranspose2d");
  }

  @Override
  public Operand<TFloat32> bias(GraphContext ctx) {
    return bias ? Convolution.biasVariable(ctx, outChannels, Initializer.constant(0f), "ConvTranspose2d") : null;
  }

  @Override
  public int outChannelAxis() {
    return 2;
  }

  /** Output channel {@code g * out/groups + j} is filter {@code [:, :, j, g * in/groups ...]}: scale it there. */
  @Override
  public Operand<TFloat32> scaleOutputChannels(org.tensorflow.op.Ops tf, Operand<TFloat32> weight, Operand<TFloat32> scale) {
    if (groups == 1) {
      return Convolution.super.scaleOutputChannels(tf, weight, scale);
    }
    int outPer = outChannels / groups;
    int inPer = inChannels / groups;
    // [groups, outPer] -> [outPer, groups, 1] -> repeated over each group's inputs -> [outPer, in]
    var perGroup = tf.expandDims(tf.linalg.transpose(tf.reshape(scale, tf.constant(new int[] {groups, outPer})),
        tf.constant(new int[] {1, 0})), tf.constant(-1));
    var grid = tf.reshape(tf.tile(perGroup, tf.constant(new int[] {1, 1, inPer})), tf.constant(new int[] {outPer, inChannels}));
    return tf.math.mul(weight, grid);
  }

  @Override
  public Operand<TFloat32> convolve(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight) {
    return groups > 1 ? grouped(ctx, x, weight) : convolveFull(ctx, x, weight);
  }

  /** The ungrouped transposed convolution with a {@code [k, k, out, in]} filter. */
  private Operand<TFloat32> convolveFull(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight) {
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
    return crop(tf, y, channels);
  }

  /** The full transposed convolution cropped by {@code padding} (and a padding channel dropped). */
  private Operand<TFloat32> crop(org.tensorflow.op.Ops tf, Operand<TFloat32> y, int channels) {
    int b = (int) y.shape().size(0);
    int fullH = (int) y.shape().size(1);
    int fullW = (int) y.shape().size(2);
    int outH = fullH - 2 * padding + outputPadding;
    int outW = fullW - 2 * padding + outputPadding;
    if (outH != fullH || outW != fullW || channels != outChannels) {
      y = tf.slice(y, tf.constant(new int[] {0, padding, padding, 0}), tf.constant(new int[] {b, outH, outW, outChannels}));
    }
    return y;
  }

  private Operand<TFloat32> grouped(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight) {
    var tf = ctx.tf();
    int outPer = outChannels / groups;
    int inPer = inChannels / groups;
    // One ungrouped transposed convolution with a block-diagonal filter [k, k, out, in]: each group's
    // filter tiled over every output group, zero outside its own block. TensorFlow has no gradient
    // for DepthwiseConv2dNativeBackpropInput, and this keeps one op (at groups times the FLOPs).
    var tiled = tf.tile(weight, tf.constant(new int[] {1, 1, groups, 1}));
    float[] mask = new float[outChannels * inChannels];
    for (int o = 0; o < outChannels; o++) {
      for (int i = 0; i < inChannels; i++) {
        mask[o * inChannels + i] = o / outPer == i / inPer ? 1f : 0f;
      }
    }
    var blocks = tf.constant(Shape.of(outChannels, inChannels), org.tensorflow.ndarray.buffer.DataBuffers.of(mask));
    return convolveFull(ctx, x, tf.math.mul(tiled, blocks));
  }


  @Override
  public long parameterCount() {
    return (long) kernelSize * kernelSize * inChannels * (outChannels / groups) + (bias ? outChannels : 0);
  }
}
