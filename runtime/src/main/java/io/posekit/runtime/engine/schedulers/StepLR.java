package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;

/** MMEngine's {@code StepLR}: multiplies by {@code gamma} every {@code step_size} steps after {@code begin}. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class StepLR extends BaseParamScheduler {
  private final int stepSize;
  private final double gamma;

  public StepLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      int stepSize,
      @Param(defaultValue = "0.1") double gamma,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("StepLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    if (stepSize <= 0) {
      throw new IllegalArgumentException("StepLR: step_size must be > 0, got " + stepSize);
    }
    this.stepSize = window().scale(stepSize);
    this.gamma = gamma;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    if (lastStep() == 0 || lastStep() % stepSize != 0) {
      return current;
    }
    return current * gamma;
  }
}
