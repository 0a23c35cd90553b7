package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvBn;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** ResNet's two 3x3 convolution residual block (expansion 1), with an optional shortcut projection. */
public final class BasicBlock implements Layer {
  public static final int EXPANSION = 1;

  private final Conv2d conv1;
  private final BatchNorm2d bn1;
  private final Conv2d conv2;
  private final BatchNorm2d bn2;
  private final Layer downsample;

  public BasicBlock(int inChannels, int outChannels, int stride, int dilation, Layer downsample, boolean zeroInitResidual) {
    this.conv1 = new Conv2d(inChannels, outChannels, 3, stride, dilation, dilation, false,
        Initializer.kaimingNormalFanOut(9L * outChannels), Initializer.constant(0f));
    this.bn1 = new BatchNorm2d(outChannels);
    this.conv2 = Conv2d.noBias(outChannels, outChannels, 3, 1, 1);
    this.bn2 = new BatchNorm2d(outChannels, Initializer.constant(zeroInitResidual ? 0f : 1f));
    this.downsample = downsample;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> out = tf.nn.relu(ConvBn.apply(conv1, ctx.child("conv1"), bn1, ctx.child("bn1"), x));
    out = ConvBn.apply(conv2, ctx.child("conv2"), bn2, ctx.child("bn2"), out);
    var identity = downsample == null ? x : downsample.apply(ctx.child("downsample"), x);
    return tf.nn.relu(tf.math.add(out, identity));
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + bn1.parameterCount() + conv2.parameterCount() + bn2.parameterCount()
        + (downsample == null ? 0 : downsample.parameterCount());
  }
}
