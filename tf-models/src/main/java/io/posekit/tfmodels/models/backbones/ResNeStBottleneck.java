package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.PaddedAvgPool2d;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ResNeSt's bottleneck: {@code conv1}/{@code bn1}, ReLU, a {@link SplitAttentionConv2d}
 * {@code conv2}, with {@code avg_down_stride} the stride taken by a 3x3 average pool
 * ({@code avd_layer}, zero padding counted) instead, then {@code conv3}/{@code bn3}, the
 * shortcut, ReLU. The middle width follows ResNeXt's rule when {@code groups > 1}.
 */
final class ResNeStBottleneck implements Layer {
  private final Conv2d conv1;
  private final BatchNorm2d bn1;
  private final SplitAttentionConv2d conv2;
  private final Layer avdLayer;
  private final Conv2d conv3;
  private final BatchNorm2d bn3;
  private final Layer downsample;

  ResNeStBottleneck(int in, int out, int stride, int dilation, ResNet.Style style, Layer downsample,
      boolean zeroInitResidual, int groups, int widthPerGroup, int baseChannels, int radix, int reductionFactor,
      boolean avgDownStride) {
    int mid = out / Bottleneck.EXPANSION;
    if (groups != 1) {
      if (mid % baseChannels != 0) {
        throw new IllegalArgumentException("ResNeSt: mid channels " + mid + " not divisible by base_channels " + baseChannels);
      }
      mid = groups * widthPerGroup * mid / baseChannels;
    }
    int conv1Stride = style == ResNet.Style.PYTORCH ? 1 : stride;
    int conv2Stride = style == ResNet.Style.PYTORCH ? stride : 1;
    boolean avd = avgDownStride && conv2Stride > 1;
    this.avdLayer = avd ? new PaddedAvgPool2d(3, conv2Stride, 1) : null;
    this.conv1 = Conv2d.noBias(in, mid, 1, conv1Stride, 0);
    this.bn1 = new BatchNorm2d(mid);
    this.conv2 = new SplitAttentionConv2d(mid, mid, 3, avd ? 1 : conv2Stride, dilation, dilation, groups, radix,
        reductionFactor);
    this.conv3 = Conv2d.noBias(mid, out, 1, 1, 0);
    this.bn3 = new BatchNorm2d(out, Initializer.constant(zeroInitResidual ? 0f : 1f));
    this.downsample = downsample;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> out = tf.nn.relu(ConvBn.apply(conv1, ctx.child("conv1"), bn1, ctx.child("bn1"), x));
    out = conv2.apply(ctx.child("conv2"), out);
    if (avdLayer != null) {
      out = avdLayer.apply(ctx.child("avd_layer"), out);
    }
    out = ConvBn.apply(conv3, ctx.child("conv3"), bn3, ctx.child("bn3"), out);
    var identity = downsample == null ? x : downsample.apply(ctx.child("downsample"), x);
    return tf.nn.relu(tf.math.add(out, identity));
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + bn1.parameterCount() + conv2.parameterCount() + conv3.parameterCount()
        + bn3.parameterCount() + (downsample == null ? 0 : downsample.parameterCount());
  }
}
