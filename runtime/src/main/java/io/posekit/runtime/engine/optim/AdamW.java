package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.OptimizerSpec;

/**
 * {@code torch.optim.AdamW}: decoupled weight decay, {@code p *= 1 - lr*weight_decay} before the
 * Adam step, which then sees the raw gradient.
 */
@RegisterModule(registry = Registries.OPTIMIZERS)
public final class AdamW extends BaseOptimizer {
  private final double beta1;
  private final double beta2;
  private final boolean amsgrad;

  public AdamW(
      @Provided("params") ParamGroups params,
      @Param(defaultValue = "0.001") double lr,
      @Param(defaultValue = "(0.9, 0.999)") double[] betas,
      @Param(defaultValue = "1e-08") double eps,
      @Param(defaultValue = "0.01") double weightDecay,
      @Param(defaultValue = "False") boolean amsgrad) {
    super(params, defaults("lr", lr, "eps", eps, "weight_decay", weightDecay));
    checkBetas("AdamW", betas, eps);
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
    return OptimizerSpec.adamW(beta1, beta2, shared("eps"), amsgrad);
  }
}
