package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;

/**
 * {@code clip_grad=dict(max_norm=..., norm_type=2)}: {@code torch.nn.utils.clip_grad_norm_} over
 * every parameter. The total norm is the p-norm of all gradients together (the max for
 * {@code norm_type=inf}); when it exceeds {@code max_norm} every gradient is multiplied by
 * {@code max_norm / (total_norm + 1e-6)}. The graph's {@code GraphOptimizer} carries it out.
 */
public record ClipGrad(double maxNorm, @Param(defaultValue = "2.0") double normType) {
  public ClipGrad {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("clip_grad.max_norm must be > 0, got " + maxNorm);
    }
    if (!(normType > 0)) {
      throw new IllegalArgumentException("clip_grad.norm_type must be > 0, got " + normType);
    }
  }
}
