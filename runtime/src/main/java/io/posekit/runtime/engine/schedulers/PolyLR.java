package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;

/** MMEngine's {@code PolyLR}: decays towards {@code eta_min}, chainable ratio {@code (1 - 1/(T - k + 1))^power}, {@code T = end - begin - 1}. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class PolyLR extends BaseParamScheduler {
  private final double etaMin;
  private final double power;
  private final int totalIters;

  public PolyLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      @Param(defaultValue = "0") double etaMin,
      @Param(defaultValue = "1.0") double power,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("PolyLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    this.etaMin = etaMin;
    this.power = power;
    this.totalIters = end() - begin() - 1;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    if (lastStep() == 0) {
      return current;
    }
    return (current - etaMin) * Math.pow(1 - 1.0 / (totalIters - lastStep() + 1), power) + etaMin;
  }
}
