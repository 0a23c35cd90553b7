package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ChannelShuffle;
import io.posekit.tfmodels.models.layers.ConvModule;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Sequential;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ShuffleNetV2's unit (MMPose's {@code shufflenet_v2.InvertedResidual}): with stride 2 both halves
 * of the output come from the whole input ({@code branch1}: depthwise 3x3 + 1x1;
 * {@code branch2}: 1x1, depthwise 3x3, 1x1), with stride 1 the first half of the input passes and
 * the second goes through {@code branch2}; then the channels are shuffled in two groups.
 */
final class ShuffleV2Block implements Layer {
  private final int stride;
  private final Sequential branch1;
  private final Sequential branch2;

  ShuffleV2Block(int in, int out, int stride, NormCfg norm, ActCfg act) {
    int branch = out / 2;
    if (stride == 1 && in != branch * 2) {
      throw new IllegalArgumentException("in_channels (" + in + ") should equal to branch_features * 2 ("
          + branch * 2 + ") when stride is 1");
    }
    this.stride = stride;
    this.branch1 = stride > 1 ? Sequential.of(
        ConvModule.builder(in, in, 3).stride(stride).padding(1).groups(in).norm(norm).act(null).build(),
        ConvModule.builder(in, branch, 1).norm(norm).act(act).build()) : null;
    this.branch2 = Sequential.of(
        ConvModule.builder(stride > 1 ? in : branch, branch, 1).norm(norm).act(act).build(),
        ConvModule.builder(branch, branch, 3).stride(stride).padding(1).groups(branch).norm(norm).act(null).build(),
        ConvModule.builder(branch, branch, 1).norm(norm).act(act).build());
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> out;
    if (stride > 1) {
      out = tf.concat(List.of(branch1.apply(ctx.child("branch1"), x), branch2.apply(ctx.child("branch2"), x)),
          tf.constant(3));
    } else {
      var halves = tf.split(tf.constant(3), x, 2L);
      out = tf.concat(List.of(halves.output().get(0), branch2.apply(ctx.child("branch2"), halves.output().get(1))),
          tf.constant(3));
    }
    return ChannelShuffle.apply(tf, out, 2);
  }

  @Override
  public long parameterCount() {
    return (branch1 == null ? 0 : branch1.parameterCount()) + branch2.parameterCount();
  }
}
