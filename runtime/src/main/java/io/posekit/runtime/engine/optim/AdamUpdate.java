package io.posekit.runtime.engine.optim;

import io.posekit.runtime.engine.model.Parameter;

/**
 * The Adam moment update shared by {@link Adam} and {@link AdamW} (they differ only in how weight
 * decay enters), as {@code torch.optim.Adam}'s single-tensor path computes it:
 * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g};
 * {@code denom = sqrt(v or max(v)) / sqrt(1-b2^t) + eps}; {@code p -= lr/(1-b1^t) * m/denom}.
 */
final class AdamUpdate {
  private AdamUpdate() {}

  static void apply(
      Parameter p, ParamState state, double lr, double beta1, double beta2, double eps,
      double l2, boolean amsgrad) {
    float[] w = p.data();
    float[] grad = p.grad();
    float[] m = state.buffer("exp_avg", w.length);
    float[] v = state.buffer("exp_avg_sq", w.length);
    float[] vMax = amsgrad ? state.buffer("max_exp_avg_sq", w.length) : null;
    long t = state.step() + 1;
    state.setStep(t);
    double biasCorrection1 = 1 - Math.pow(beta1, t);
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    double stepSize = lr / biasCorrection1;
    for (int i = 0; i < w.length; i++) {
      double g = grad[i];
      if (l2 != 0) {
        g += l2 * w[i];
      }
      m[i] = (float) (beta1 * m[i] + (1 - beta1) * g);
      v[i] = (float) (beta2 * v[i] + (1 - beta2) * g * g);
      double second = v[i];
      if (vMax != null) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      double denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
      w[i] = (float) (w[i] - stepSize * m[i] / denom);
    }
  }

  static void checkBetas(String optimizer, double[] betas, double eps) {
    if (betas.length != 2) {
      throw new IllegalArgumentException(optimizer + ": betas must have 2 values, got " + betas.length);
    }
    for (double b : betas) {
      if (b < 0 || b >= 1) {
        throw new IllegalArgumentException(optimizer + ": betas must be in [0, 1), got " + b);
      }
    }
    if (eps < 0) {
      throw new IllegalArgumentException(optimizer + ": eps must be >= 0, got " + eps);
    }
  }
}
