package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.PaddedAvgPool2d;
import io.posekit.tfmodels.nn.ReLU;
import io.posekit.tfmodels.nn.Sequential;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * SCNet's self-calibrated bottleneck: two half-width paths, {@code conv1}/{@code bn1} then a
 * plain strided 3x3 ({@code k1}), and {@code conv2}/{@code bn2} then the self-calibrated
 * convolution ({@code scconv}: {@code k4(k3(x) * sigmoid(x + nearest_up(k2(avgpool_4(x)))))});
 * concatenated, {@code conv3}/{@code bn3}, plus the shortcut, ReLU. The stride is in {@code k1}
 * and {@code k4} whatever the style.
 */
final class SCBottleneck implements Layer {
  private static final int POOLING_R = 4;

  private final Conv2d conv1;
  private final BatchNorm2d bn1;
  private final Sequential k1;
  private final Conv2d conv2;
  private final BatchNorm2d bn2;
  private final Sequential k2;
  private final Sequential k3;
  private final Sequential k4;
  private final Conv2d conv3;
  private final BatchNorm2d bn3;
  private final Layer downsample;

  SCBottleneck(int in, int out, int stride, Layer downsample, boolean zeroInitResidual) {
    int mid = out / Bottleneck.EXPANSION / 2;
    this.conv1 = Conv2d.noBias(in, mid, 1, 1, 0);
    this.bn1 = new BatchNorm2d(mid);
    this.k1 = Sequential.of(Conv2d.noBias(mid, mid, 3, stride, 1), new BatchNorm2d(mid), new ReLU());
    this.conv2 = Conv2d.noBias(in, mid, 1, 1, 0);
    this.bn2 = new BatchNorm2d(mid);
    this.k2 = Sequential.of(new PaddedAvgPool2d(POOLING_R, POOLING_R, 0), Conv2d.noBias(mid, mid, 3, 1, 1), new BatchNorm2d(mid));
    this.k3 = Sequential.of(Conv2d.noBias(mid, mid, 3, 1, 1), new BatchNorm2d(mid));
    this.k4 = Sequential.of(Conv2d.noBias(mid, mid, 3, stride, 1), new BatchNorm2d(mid), new ReLU());
    this.conv3 = Conv2d.noBias(2 * mid, out, 1, 1, 0);
    this.bn3 = new BatchNorm2d(out, Initializer.constant(zeroInitResidual ? 0f : 1f));
    this.downsample = downsample;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> a = tf.nn.relu(ConvBn.apply(conv1, ctx.child("conv1"), bn1, ctx.child("bn1"), x));
    a = k1.apply(ctx.child("k1"), a);
    Operand<TFloat32> b = tf.nn.relu(ConvBn.apply(conv2, ctx.child("conv2"), bn2, ctx.child("bn2"), x));
    GraphContext sc = ctx.child("scconv");
    int h = (int) b.shape().size(1);
    int w = (int) b.shape().size(2);
    // F.interpolate(size=...) nearest: source pixel floor(o * in / out), as TensorFlow's legacy nearest
    var up = tf.image.resizeNearestNeighbor(k2.apply(sc.child("k2"), b), tf.constant(new int[] {h, w}));
    var gate = tf.math.sigmoid(tf.math.add(b, up));
    b = k4.apply(sc.child("k4"), tf.math.mul(k3.apply(sc.child("k3"), b), gate));
    Operand<TFloat32> out = ConvBn.apply(conv3, ctx.child("conv3"), bn3, ctx.child("bn3"),
        tf.concat(List.of(a, b), tf.constant(3)));
    var identity = downsample == null ? x : downsample.apply(ctx.child("downsample"), x);
    return tf.nn.relu(tf.math.add(out, identity));
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + bn1.parameterCount() + k1.parameterCount() + conv2.parameterCount()
        + bn2.parameterCount() + k2.parameterCount() + k3.parameterCount() + k4.parameterCount()
        + conv3.parameterCount() + bn3.parameterCount() + (downsample == null ? 0 : downsample.parameterCount());
  }
}
