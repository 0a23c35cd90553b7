package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code SELayer} (squeeze and excitation): the global average of each channel through
 * two 1x1 {@link ConvModule}s without norm ({@code conv1} to {@code int(channels / ratio)} with
 * the first activation, {@code conv2} back with the second, by default ReLU and Sigmoid), which
 * then scales the channels.
 */
public final class SELayer implements Layer {
  private final ConvModule conv1;
  private final ConvModule conv2;

  public SELayer(int channels, double ratio, ActCfg act1, ActCfg act2) {
    int squeezed = (int) (channels / ratio);
    this.conv1 = ConvModule.builder(channels, squeezed, 1).act(act1).build();
    this.conv2 = ConvModule.builder(squeezed, channels, 1).act(act2).build();
  }

  /** MMPose's defaults: ReLU, then Sigmoid. */
  public SELayer(int channels, double ratio) {
    this(channels, ratio, ActCfg.of("ReLU"), ActCfg.of("Sigmoid"));
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> out = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
    out = conv1.apply(ctx.child("conv1"), out);
    out = conv2.apply(ctx.child("conv2"), out);
    return tf.math.mul(x, out);
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + conv2.parameterCount();
  }
}
