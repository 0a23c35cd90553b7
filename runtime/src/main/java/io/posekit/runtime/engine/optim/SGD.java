package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.model.Parameter;

/**
 * {@code torch.optim.SGD}. Per element, with g the gradient:
 * {@code g += weight_decay*p}; with momentum, {@code buf = g} on the first step, then
 * {@code buf = momentum*buf + (1-dampening)*g}, and {@code g = nesterov ? g + momentum*buf : buf};
 * finally {@code p -= lr*g}.
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
  protected void update(Parameter p, ParamGroup group, ParamState state) {
    double lr = group.get("lr");
    double momentum = group.get("momentum");
    double dampening = group.get("dampening");
    double wd = group.get("weight_decay");
    float[] w = p.data();
    float[] grad = p.grad();
    boolean first = !state.has("momentum_buffer");
    float[] buf = momentum != 0 ? state.buffer("momentum_buffer", w.length) : null;
    for (int i = 0; i < w.length; i++) {
      double g = grad[i];
      if (wd != 0) {
        g += wd * w[i];
      }
      if (buf != null) {
        double b = first ? g : momentum * buf[i] + (1 - dampening) * g;
        buf[i] = (float) b;
        g = nesterov ? g + momentum * buf[i] : buf[i];
      }
      w[i] = (float) (w[i] - lr * g);
    }
    state.setStep(state.step() + 1);
  }
}
