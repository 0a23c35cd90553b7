package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ChannelShuffle;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.PaddedAvgPool2d;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ShuffleNetV1's unit (MMPose's {@code ShuffleUnit}): grouped 1x1 compress to a quarter of the
 * output (ungrouped in a stage's first block), depthwise 3x3, channel shuffle, grouped 1x1 expand.
 * {@code add}: plus the input, then the activation; {@code concat} (stride 2): the activation,
 * then concatenated after the 3x3/2 average-pooled input, the expand making up the difference.
 */
final class ShuffleV1Unit implements Layer {
  private final int groups;
  private final boolean concat;
  private final ConvModule compress;
  private final ConvModule depthwise;
  private final ConvModule expand;
  private final ActCfg act;
  private final PaddedAvgPool2d avgpool = new PaddedAvgPool2d(3, 2, 1);

  ShuffleV1Unit(int in, int out, int groups, boolean firstBlock, boolean concat, NormCfg norm, ActCfg act) {
    if (!concat && in != out) {
      throw new IllegalArgumentException("in_channels must be equal to out_channels when combine is add");
    }
    int bottleneck = out / 4;
    this.groups = groups;
    this.concat = concat;
    this.act = act;
    this.compress = ConvModule.builder(in, bottleneck, 1).groups(firstBlock ? 1 : groups).norm(norm).act(act).build();
    this.depthwise = ConvModule.builder(bottleneck, bottleneck, 3).stride(concat ? 2 : 1).padding(1).groups(bottleneck)
        .norm(norm).act(null).build();
    this.expand = ConvModule.builder(bottleneck, concat ? out - in : out, 1).groups(groups).norm(norm).act(null).build();
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> out = compress.apply(ctx.child("g_conv_1x1_compress"), x);
    out = depthwise.apply(ctx.child("depthwise_conv3x3_bn"), out);
    if (groups > 1) {
      out = ChannelShuffle.apply(tf, out, groups);
    }
    out = expand.apply(ctx.child("g_conv_1x1_expand"), out);
    if (concat) {
      out = act == null ? out : act.apply(ctx.child("act"), out);
      return tf.concat(List.of(avgpool.apply(ctx, x), out), tf.constant(3));
    }
    out = tf.math.add(x, out);
    return act == null ? out : act.apply(ctx.child("act"), out);
  }

  @Override
  public long parameterCount() {
    return compress.parameterCount() + depthwise.parameterCount() + expand.parameterCount();
  }
}
