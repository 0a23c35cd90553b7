package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.OptimizerSpec;

/**
 * {@code torch.optim.Adam}: weight decay is an L2 term added to the gradient, then
 * {@code m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g};
 * {@code denom = sqrt(v, or max(v) with amsgrad) / sqrt(1-b2^t) + eps}; {@code p -= lr/(1-b1^t) * m/denom}.
 * The graph's {@code GraphOptimizer} carries it out.
 */
@RegisterModule(registry = Registries.OPTIMIZERS)
public final class Adam extends BaseOptimizer {
  private final double beta1;
  private final double beta2;
  private final boolean amsgrad;

  public Adam(
      @Provided("params") ParamGroups params,
      @Param(defaultValue = "0.001") double lr,
      @Param(defaultValue = "(0.9, 0.999)") double[] betas,
      @Param(defaultValue = "1e-08") double eps,
      @Param(defaultValue = "0") double weightDecay,
      @Param(defaultValue = "False") boolean amsgrad) {
    super(params, defaults("lr", lr, "eps", eps, "weight_decay", weightDecay));
    checkBetas("Adam", betas, eps);
    this.beta1 = betas[0];
    this.beta2 = betas[1];
    this.amsgrad = amsgrad;
  }

  public double[] betas() {
    return new double[] {beta1, beta2};
  }

  public boolean amsgrad() {
    return amsgrad;
  }

  @Override
  public OptimizerSpec graphSpec() {
    return OptimizerSpec.adam(beta1, beta2, shared("eps"), amsgrad);
  }
}
