package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * ResNeSt's split-attention convolution: a {@code groups * radix} grouped convolution to
 * {@code radix} splits ({@code conv}, {@code bn0}, ReLU); their sum's global average through
 * {@code fc1} (grouped 1x1 with bias), {@code bn1}, ReLU and {@code fc2} gives per-split channel
 * weights (the radix softmax: softmax across the splits within each cardinal group, sigmoid for
 * radix 1), and the output is the weighted sum of the splits.
 */
final class SplitAttentionConv2d implements Layer {
  private final int channels;
  private final int radix;
  private final int groups;
  private final Conv2d conv;
  private final BatchNorm2d bn0;
  private final Conv2d fc1;
  private final BatchNorm2d bn1;
  private final Conv2d fc2;

  SplitAttentionConv2d(int in, int channels, int kernel, int stride, int padding, int dilation, int groups, int radix,
      int reductionFactor) {
    int inter = Math.max(in * radix / reductionFactor, 32);
    this.channels = channels;
    this.radix = radix;
    this.groups = groups;
    this.conv = new Conv2d(in, channels * radix, kernel, stride, padding, dilation, groups * radix, false,
        Initializer.kaimingNormalFanOut((long) channels * radix * kernel * kernel), Initializer.constant(0f));
    this.bn0 = new BatchNorm2d(channels * radix);
    this.fc1 = new Conv2d(channels, inter, 1, 1, 0, 1, groups, true, Initializer.kaimingNormalFanOut(inter),
        Initializer.constant(0f));
    this.bn1 = new BatchNorm2d(inter);
    this.fc2 = new Conv2d(inter, channels * radix, 1, 1, 0, 1, groups, true,
        Initializer.kaimingNormalFanOut((long) channels * radix), Initializer.constant(0f));
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> y = tf.nn.relu(ConvBn.apply(conv, ctx.child("conv"), bn0, ctx.child("bn0"), x));
    long n = y.shape().size(0);
    long h = y.shape().size(1);
    long w = y.shape().size(2);
    // NCHW's (radix, channels) split of the channel axis is NHWC's last axis as [radix, channels]
    Operand<TFloat32> splits = radix > 1 ? tf.reshape(y, tf.constant(new long[] {n, h, w, radix, channels})) : y;
    Operand<TFloat32> gap = radix > 1 ? tf.reduceSum(splits, tf.constant(3)) : y;
    gap = tf.math.mean(gap, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
    gap = tf.nn.relu(ConvBn.apply(fc1, ctx.child("fc1"), bn1, ctx.child("bn1"), gap));
    Operand<TFloat32> atten = fc2.apply(ctx.child("fc2"), gap);
    if (radix == 1) {
      return tf.math.mul(tf.math.sigmoid(atten), y);
    }
    // fc2's channels are (group, radix, k); the softmax runs over radix, the result is (radix, group, k)
    long k = (long) channels / groups;
    var grouped = tf.reshape(atten, tf.constant(new long[] {n, groups, radix, k}));
    var soft = tf.nn.softmax(tf.linalg.transpose(grouped, tf.constant(new int[] {0, 1, 3, 2})));
    var weights = tf.reshape(tf.linalg.transpose(soft, tf.constant(new int[] {0, 3, 1, 2})),
        tf.constant(new long[] {n, 1, 1, radix, channels}));
    return tf.reduceSum(tf.math.mul(weights, splits), tf.constant(3));
  }

  @Override
  public long parameterCount() {
    return conv.parameterCount() + bn0.parameterCount() + fc1.parameterCount() + bn1.parameterCount()
        + fc2.parameterCount();
  }
}
