package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import io.posekit.runtime.engine.model.Parameter;
import java.util.List;

/**
 * {@code clip_grad=dict(max_norm=..., norm_type=2)}: {@code torch.nn.utils.clip_grad_norm_} over
 * every parameter. The total norm is the p-norm of all gradients together (the max for
 * {@code norm_type=inf}); when it exceeds {@code max_norm} every gradient is multiplied by
 * {@code max_norm / (total_norm + 1e-6)}.
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

  /** Clips in place and returns the total norm before clipping, which MMEngine logs as {@code grad_norm}. */
  public double clip(List<Parameter> params) {
    double total;
    if (Double.isInfinite(normType)) {
      total = 0;
      for (Parameter p : params) {
        for (float g : p.grad()) {
          total = Math.max(total, Math.abs(g));
        }
      }
    } else {
      double sum = 0;
      for (Parameter p : params) {
        for (float g : p.grad()) {
          sum += Math.pow(Math.abs(g), normType);
        }
      }
      total = Math.pow(sum, 1 / normType);
    }
    double coef = maxNorm / (total + 1e-6);
    if (coef < 1) {
      for (Parameter p : params) {
        float[] g = p.grad();
        for (int i = 0; i < g.length; i++) {
          g[i] = (float) (g[i] * coef);
        }
      }
    }
    return total;
  }
}
