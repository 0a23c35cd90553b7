package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.InstanceNorm2d(num_features, eps, affine)} without running statistics
 * (its default {@code track_running_stats=False}): each sample's channel normalised over its
 * pixels with the biased variance, in training and eval alike.
 */
public final class InstanceNorm2d implements Layer {
  private final int channels;
  private final float eps;
  private final boolean affine;
  private final boolean requiresGrad;

  public InstanceNorm2d(int channels, float eps, boolean affine, boolean requiresGrad) {
    this.channels = channels;
    this.eps = eps;
    this.affine = affine;
    this.requiresGrad = requiresGrad;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> y = NormOps.standardize(tf, x, new int[] {1, 2}, eps);
    return affine ? NormOps.affine(ctx, y, channels, "InstanceNorm2d", requiresGrad) : y;
  }

  @Override
  public long parameterCount() {
    return affine ? 2L * channels : 0;
  }
}
