package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.LayerNorm(normalized_shape, eps, elementwise_affine)} over the last axis of
 * its input, which must hold {@code normalized_shape} values (biased variance).
 */
public final class LayerNorm implements Layer {
  private final int features;
  private final float eps;
  private final boolean affine;
  private final boolean requiresGrad;

  public LayerNorm(int features, float eps, boolean affine, boolean requiresGrad) {
    this.features = features;
    this.eps = eps;
    this.affine = affine;
    this.requiresGrad = requiresGrad;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    int last = x.shape().numDimensions() - 1;
    if (x.shape().size(last) != features) {
      throw new IllegalArgumentException(ctx.scope() + ": LayerNorm(" + features + ") over a last axis of "
          + x.shape().size(last) + " values (input " + x.shape() + ")");
    }
    Operand<TFloat32> y = NormOps.standardize(tf, x, new int[] {last}, eps);
    return affine ? NormOps.affine(ctx, y, features, "LayerNorm", requiresGrad) : y;
  }

  @Override
  public long parameterCount() {
    return affine ? 2L * features : 0;
  }
}
