package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.OptimizerSpec;

/**
 * {@code torch.optim.SGD}: {@code g += weight_decay*p}; with momentum, {@code buf = g} on the
 * first step, then {@code buf = momentum*buf + (1-dampening)*g}, and
 * {@code g = nesterov ? g + momentum*buf : buf}; finally {@code p -= lr*g}. The graph's
 * {@code GraphOptimizer} carries it out.
 */
@RegisterModule(registry = Registries.OPTIMIZERS)
public final class SGD extends BaseOptimizer {
  private final boolean nesterov;

  public SGD(
      @Provided("params") ParamGroups params,
      @Param(defaultValue = "0.001") double lr,
      @Param(defaultValue = "0") double momentum,
      @Param(defaultValue = "0") double dampening,
      @Param(defaultValue = "0") double weightDecay,
      @Param(defaultValue = "False") boolean nesterov) {
    super(params, defaults("lr", lr, "momentum", momentum, "dampening", dampening, "weight_decay", weightDecay));
    if (lr < 0 || momentum < 0 || weightDecay < 0) {
      throw new IllegalArgumentException(
          "SGD: lr, momentum and weight_decay must be >= 0, got lr=" + lr + ", momentum=" + momentum
              + ", weight_decay=" + weightDecay);
    }
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException("SGD: nesterov=True requires momentum > 0 and dampening = 0");
    }
    this.nesterov = nesterov;
  }

  public boolean nesterov() {
    return nesterov;
  }

  @Override
  public OptimizerSpec graphSpec() {
    return OptimizerSpec.sgd(shared("momentum"), shared("dampening"), nesterov);
  }
}
