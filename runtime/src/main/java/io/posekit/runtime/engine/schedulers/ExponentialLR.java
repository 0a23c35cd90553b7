package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;

/** MMEngine's {@code ExponentialLR}: multiplies by {@code gamma} every step after the first. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class ExponentialLR extends BaseParamScheduler {
  private final double gamma;

  public ExponentialLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      double gamma,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("ExponentialLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    this.gamma = gamma;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    return lastStep() == 0 ? current : current * gamma;
  }
}
