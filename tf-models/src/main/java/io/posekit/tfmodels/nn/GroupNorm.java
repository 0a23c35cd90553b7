package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.GroupNorm(num_groups, num_channels, eps, affine)}: each sample's channels in
 * {@code num_groups} consecutive groups, each normalised over its channels and all pixels with the
 * biased variance, then a per-channel affine map.
 */
public final class GroupNorm implements Layer {
  private final int numGroups;
  private final int channels;
  private final float eps;
  private final boolean affine;
  private final boolean requiresGrad;

  public GroupNorm(int numGroups, int channels, float eps, boolean affine, boolean requiresGrad) {
    if (numGroups < 1 || channels % numGroups != 0) {
      throw new IllegalArgumentException("num_channels " + channels + " must be divisible by num_groups " + numGroups);
    }
    this.numGroups = numGroups;
    this.channels = channels;
    this.eps = eps;
    this.affine = affine;
    this.requiresGrad = requiresGrad;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    long n = x.shape().size(0);
    long h = x.shape().size(1);
    long w = x.shape().size(2);
    var grouped = tf.reshape(x, tf.constant(new long[] {n, h, w, numGroups, channels / numGroups}));
    var normed = NormOps.standardize(tf, grouped, new int[] {1, 2, 4}, eps);
    Operand<TFloat32> y = tf.reshape(normed, tf.constant(new long[] {n, h, w, channels}));
    return affine ? NormOps.affine(ctx, y, channels, "GroupNorm", requiresGrad) : y;
  }

  @Override
  public long parameterCount() {
    return affine ? 2L * channels : 0;
  }
}
