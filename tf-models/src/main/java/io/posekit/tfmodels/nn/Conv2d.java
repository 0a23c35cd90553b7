package io.posekit.tfmodels.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.Conv2d.Options;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.Conv2d}: symmetric zero padding of {@code padding} pixels on each side,
 * which TensorFlow's "SAME" does not give for strided convolutions. Weight
 * {@code [k, k, in / groups, out]} (PyTorch's {@code [out, in / groups, k, k]} permuted). A
 * depthwise convolution ({@code groups == in == out}) runs as TensorFlow's DepthwiseConv2dNative,
 * whose {@code [k, k, in, 1]} filter is that weight reshaped; other groups run group by group.
 */
public final class Conv2d implements Convolution {
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final int dilation;
  private final int groups;
  private final boolean bias;
  private final Initializer weightInit;
  private final Initializer biasInit;

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation,
      boolean bias, Initializer weightInit, Initializer biasInit) {
    this(inChannels, outChannels, kernelSize, stride, padding, dilation, 1, bias, weightInit, biasInit);
  }

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
      boolean bias, Initializer weightInit, Initializer biasInit) {
    if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException("in_channels " + inChannels + " and out_channels " + outChannels
          + " must be divisible by groups " + groups);
    }
    this.groups = groups;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.bias = bias;
    this.weightInit = weightInit;
    this.biasInit = biasInit;
  }

  /** A bias-free convolution with MMCV's kaiming (fan_out) initialisation, as in ResNet/HRNet. */
  public static Conv2d noBias(int in, int out, int kernel, int stride, int padding) {
    return new Conv2d(in, out, kernel, stride, padding, 1, false,
        Initializer.kaimingNormalFanOut((long) out * kernel * kernel), Initializer.constant(0f));
  }

  /** The weight variable, {@code [k, k, in, out]}. */
  @Override
  public Operand<TFloat32> weight(GraphContext ctx) {
    return ctx.params().variable(ctx.tf(), ctx.name("weight"),
        Shape.of(kernelSize, kernelSize, inChannels / groups, outChannels), weightInit, !ctx.frozen(), false, "Conv2d");
  }

  @Override
  public Operand<TFloat32> bias(GraphContext ctx) {
    return bias ? Convolution.biasVariable(ctx, outChannels, biasInit, "Conv2d") : null;
  }

  @Override
  public int outChannelAxis() {
    return 3;
  }

  /** The convolution of {@code x} with {@code weight} (this layer's, or one derived from it), no bias. */
  @Override
  public Operand<TFloat32> convolve(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight) {
    var tf = ctx.tf();
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    Options dil = org.tensorflow.op.nn.Conv2d.dilations(List.of(1L, (long) dilation, (long) dilation, 1L));
    if (groups > 1) {
      return grouped(ctx, x, weight);
    }
    if (inChannels % 2 == 1 && ctx.precision().needsEvenChannels()) {
      // a zero input channel and a zero weight row: the same sums over an even channel count,
      // which oneDNN's bfloat16 convolution needs (see Precision#needsEvenChannels)
      x = Padding.oneMore(tf, x, 3);
      weight = Padding.oneMore(tf, weight, 2);
    }
    int span = dilation * (kernelSize - 1);
    if (padding == 0 && kernelSize == 1 && stride > 1) {
      // A strided 1x1 convolution reads every stride-th pixel: take those pixels, then convolve with
      // stride 1 (same values and gradients). TF 2.18's oneDNN kernel for the strided 1x1 filter
      // gradient writes past its buffer when the input has fewer channels than its channel block
      // (16 on AVX-512): heap corruption, then free() aborts or SIGSEGV (oneDNN issue 6035).
      var sampled = tf.stridedSlice(x, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {0, 0, 0, 0}),
          tf.constant(new int[] {1, stride, stride, 1}), StridedSlice.beginMask(15L), StridedSlice.endMask(15L));
      return tf.nn.conv2d(sampled, weight, List.of(1L, 1L, 1L, 1L), "VALID", dil);
    } else if (stride == 1 && 2 * padding == span) {
      // stride 1 with "same" size: TensorFlow's SAME pads symmetrically, exactly like PyTorch (and
      // for a 1x1 convolution it is VALID; said as SAME, Grappler's remapper also fuses a residual
      // Add + ReLU into the convolution, which it does not for VALID)
      return tf.nn.conv2d(x, weight, strides, "SAME", dil);
    } else if (padding == 0) {
      return tf.nn.conv2d(x, weight, strides, "VALID", dil);
    } else if (!ctx.training()) {
      // PyTorch's symmetric padding as the convolution's own EXPLICIT padding: no separate Pad op,
      // which would cut oneDNN's fused conv chain (inference only: the C++ gradient of Conv2D does
      // not carry explicit_paddings, so the training path keeps the Pad)
      long p = padding;
      return tf.nn.conv2d(x, weight, strides, "EXPLICIT", dil,
          org.tensorflow.op.nn.Conv2d.explicitPaddings(List.of(0L, 0L, p, p, p, p, 0L, 0L)));
    }
    return tf.nn.conv2d(Padding.zeros(tf, x, padding), weight, strides, "VALID", dil);
  }

  /** A grouped convolution: depthwise as one op, otherwise one convolution per group, concatenated. */
  private Operand<TFloat32> grouped(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> weight) {
    var tf = ctx.tf();
    int span = dilation * (kernelSize - 1);
    boolean same = stride == 1 && 2 * padding == span;
    Operand<TFloat32> in = same || padding == 0 ? x : Padding.zeros(tf, x, padding);
    String mode = same ? "SAME" : "VALID";
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    List<Long> dilations = List.of(1L, (long) dilation, (long) dilation, 1L);
    if (groups == inChannels && groups == outChannels) {
      var filter = tf.reshape(weight, tf.constant(new long[] {kernelSize, kernelSize, inChannels, 1}));
      return tf.nn.depthwiseConv2dNative(in, filter, strides, mode,
          org.tensorflow.op.nn.DepthwiseConv2dNative.dilations(dilations));
    }
    // TensorFlow's CPU Conv2D has no grouped kernel: split the channels, convolve, concatenate
    var inputs = tf.split(tf.constant(3), in, (long) groups);
    var filters = tf.split(tf.constant(3), weight, (long) groups);
    List<Operand<TFloat32>> outs = new java.util.ArrayList<>();
    for (int g = 0; g < groups; g++) {
      outs.add(tf.nn.conv2d(inputs.output().get(g), filters.output().get(g), strides, mode,
          org.tensorflow.op.nn.Conv2d.dilations(dilations)));
    }
    return tf.concat(outs, tf.constant(3));
  }

  @Override
  public long parameterCount() {
    return (long) kernelSize * kernelSize * (inChannels / groups) * outChannels + (bias ? outChannels : 0);
  }

  public int groups() {
    return groups;
  }

  public int outChannels() {
    return outChannels;
  }
}
