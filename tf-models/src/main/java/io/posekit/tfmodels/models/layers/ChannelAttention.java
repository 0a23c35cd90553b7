package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code ChannelAttention} (CSPNeXt's): global average pool, a 1x1 convolution with bias
 * ({@code fc}), PyTorch's {@code Hardsigmoid} ({@code relu6(x + 3) / 6}), and the input scaled by it.
 */
public final class ChannelAttention implements Layer {
  private final Conv2d fc;

  public ChannelAttention(int channels) {
    // PyTorch's Conv2d default init (kaiming uniform a=sqrt(5)); a model's init_cfg may redraw it
    this.fc = new Conv2d(channels, channels, 1, 1, 0, 1, true, Initializer.kaimingNormalFanOut(channels),
        Initializer.constant(0f));
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
    Operand<TFloat32> a = fc.apply(ctx.child("fc"), pooled);
    Operand<TFloat32> gate = tf.math.div(tf.nn.relu6(tf.math.add(a, tf.constant(3f))), tf.constant(6f));
    return tf.math.mul(x, gate);
  }

  @Override
  public long parameterCount() {
    return fc.parameterCount();
  }
}
