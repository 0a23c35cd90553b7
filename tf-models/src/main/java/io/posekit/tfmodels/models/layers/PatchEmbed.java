package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code PatchEmbed}: a {@code projection} convolution (kernel and stride the patch size)
 * from NHWC images to tokens {@code [B, h * w, C]} in row-major patch order, with an optional
 * {@code norm}. A string {@code padding} is MMCV's {@code AdaptivePadding}: {@code 'corner'} pads
 * bottom/right, {@code 'same'} both sides, just enough for the last patch to cover the image; an
 * int pads the convolution itself.
 */
public final class PatchEmbed {
  private final int kernelSize;
  private final int stride;
  private final int dilation;
  private final String adaptivePadding;
  private final int padding;
  private final Conv2d projection;
  private final Layer norm;

  /** Tokens and the patch grid they came from. */
  public record Tokens(Operand<TFloat32> tokens, int height, int width) {}

  /**
   * @param padding an Integer, or {@code 'corner'} / {@code 'same'}
   * @param norm the layer norm over tokens, or null
   */
  public PatchEmbed(int inChannels, int embedDims, int kernelSize, int stride, Object padding, int dilation,
      boolean bias, Layer norm) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.dilation = dilation;
    if (padding instanceof String mode) {
      if (!mode.equals("corner") && !mode.equals("same")) {
        throw new IllegalArgumentException("padding '" + mode + "' is not supported: only \"same\" and \"corner\"");
      }
      this.adaptivePadding = mode;
      this.padding = 0;
    } else if (padding instanceof Number n) {
      this.adaptivePadding = null;
      this.padding = n.intValue();
    } else {
      throw new IllegalArgumentException("padding must be an int, 'corner' or 'same', got " + padding);
    }
    long fanIn = (long) inChannels * kernelSize * kernelSize;
    Initializer torch = Initializer.uniform(1.0 / Math.sqrt(fanIn));
    this.projection = new Conv2d(inChannels, embedDims, kernelSize, stride, this.padding, dilation, bias, torch, torch);
    this.norm = norm;
  }

  /** The patch grid of an input of {@code h x w} pixels ({@code init_out_size} for the configured input size). */
  public int[] outSize(int h, int w) {
    int[] pad = adaptivePad(h, w);
    return new int[] {outLength(h + pad[0]), outLength(w + pad[1])};
  }

  private int outLength(int in) {
    return (in + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1;
  }

  /** AdaptivePadding's {@code get_pad_shape}: extra rows and columns, zero without adaptive padding. */
  private int[] adaptivePad(int h, int w) {
    if (adaptivePadding == null) {
      return new int[] {0, 0};
    }
    int span = (kernelSize - 1) * dilation + 1;
    int padH = Math.max((int) ((Math.ceil((double) h / stride) - 1) * stride) + span - h, 0);
    int padW = Math.max((int) ((Math.ceil((double) w / stride) - 1) * stride) + span - w, 0);
    return new int[] {padH, padW};
  }

  public Tokens apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    int h = (int) x.shape().size(1);
    int w = (int) x.shape().size(2);
    int[] pad = adaptivePad(h, w);
    if (pad[0] > 0 || pad[1] > 0) {
      int top = adaptivePadding.equals("same") ? pad[0] / 2 : 0;
      int left = adaptivePadding.equals("same") ? pad[1] / 2 : 0;
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {top, pad[0] - top}, {left, pad[1] - left}, {0, 0}}),
          tf.constant(0f));
    }
    var y = projection.apply(ctx.child("projection"), x);
    int oh = (int) y.shape().size(1);
    int ow = (int) y.shape().size(2);
    Operand<TFloat32> tokens = tf.reshape(y, tf.constant(new long[] {y.shape().size(0), (long) oh * ow, projection.outChannels()}));
    if (norm != null) {
      tokens = norm.apply(ctx.child("norm"), tokens);
    }
    return new Tokens(tokens, oh, ow);
  }

  public long parameterCount() {
    return projection.parameterCount() + (norm == null ? 0 : norm.parameterCount());
  }
}
