package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ResNet's 1x1-3x3-1x1 bottleneck (expansion 4). Style "pytorch" strides the 3x3 convolution,
 * "caffe" the first 1x1. The one bottleneck of every ResNet family: ResNeXt widens the middle and
 * groups the 3x3 ({@code mid}, {@code groups}); SEResNet adds an {@code se_layer} after the last
 * norm, before the shortcut is added.
 */
public final class Bottleneck implements Layer {
  public static final int EXPANSION = 4;

  private final Conv2d conv1;
  private final BatchNorm2d bn1;
  private final Conv2d conv2;
  private final BatchNorm2d bn2;
  private final Conv2d conv3;
  private final BatchNorm2d bn3;
  private final Layer downsample;
  private final Layer se;

  public Bottleneck(int inChannels, int outChannels, int stride, int dilation, ResNet.Style style,
      Layer downsample, boolean zeroInitResidual) {
    this(inChannels, outChannels, outChannels / EXPANSION, 1, stride, dilation, style, downsample, zeroInitResidual, null);
  }

  /** {@code mid} channels in the 3x3 convolution of {@code groups} groups; {@code se} null for none. */
  public Bottleneck(int inChannels, int outChannels, int mid, int groups, int stride, int dilation, ResNet.Style style,
      Layer downsample, boolean zeroInitResidual, Layer se) {
    int conv1Stride = style == ResNet.Style.PYTORCH ? 1 : stride;
    int conv2Stride = style == ResNet.Style.PYTORCH ? stride : 1;
    this.conv1 = Conv2d.noBias(inChannels, mid, 1, conv1Stride, 0);
    this.bn1 = new BatchNorm2d(mid);
    this.conv2 = new Conv2d(mid, mid, 3, conv2Stride, dilation, dilation, groups, false,
        Initializer.kaimingNormalFanOut(9L * mid), Initializer.constant(0f));
    this.bn2 = new BatchNorm2d(mid);
    this.conv3 = Conv2d.noBias(mid, outChannels, 1, 1, 0);
    this.bn3 = new BatchNorm2d(outChannels, Initializer.constant(zeroInitResidual ? 0f : 1f));
    this.downsample = downsample;
    this.se = se;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> out = tf.nn.relu(ConvBn.apply(conv1, ctx.child("conv1"), bn1, ctx.child("bn1"), x));
    out = tf.nn.relu(ConvBn.apply(conv2, ctx.child("conv2"), bn2, ctx.child("bn2"), out));
    out = ConvBn.apply(conv3, ctx.child("conv3"), bn3, ctx.child("bn3"), out);
    if (se != null) {
      out = se.apply(ctx.child("se_layer"), out);
    }
    var identity = downsample == null ? x : downsample.apply(ctx.child("downsample"), x);
    return tf.nn.relu(tf.math.add(out, identity));
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + bn1.parameterCount() + conv2.parameterCount() + bn2.parameterCount()
        + conv3.parameterCount() + bn3.parameterCount() + (downsample == null ? 0 : downsample.parameterCount())
        + (se == null ? 0 : se.parameterCount());
  }
}
