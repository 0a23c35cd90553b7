package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;

/** MMEngine's {@code LinearLR}: the factor moves linearly from {@code start_factor} at {@code begin} to {@code end_factor} at {@code end - 1}; chainable ratio {@code 1 + (e-s) / (T*s + (k-1)*(e-s))}, {@code T = end - begin - 1}. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class LinearLR extends BaseParamScheduler {
  private final double startFactor;
  private final double endFactor;
  private final int totalIters;

  public LinearLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      @Param(defaultValue = "0.3333333333333333") double startFactor,
      @Param(defaultValue = "1.0") double endFactor,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("LinearLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    if (startFactor > 1.0 || startFactor < 0) {
      throw new IllegalArgumentException("LinearLR: start_factor must be in [0, 1], got " + startFactor);
    }
    if (endFactor > 1.0 || endFactor < 0) {
      throw new IllegalArgumentException("LinearLR: end_factor must be in [0, 1], got " + endFactor);
    }
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = end() - begin() - 1;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    if (lastStep() == 0) {
      return current * startFactor;
    }
    return current * (1.0 + (endFactor - startFactor)
        / (totalIters * startFactor + (lastStep() - 1) * (endFactor - startFactor)));
  }
}
