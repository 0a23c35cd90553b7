package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;

/** MMEngine's {@code ConstantLR}: multiplies by {@code factor} at {@code begin} and divides it back out at step {@code end - begin - 1}. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class ConstantLR extends BaseParamScheduler {
  private final double factor;
  private final int totalIters;

  public ConstantLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      @Param(defaultValue = "0.3333333333333333") double factor,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("ConstantLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    if (factor > 1.0 || factor < 0) {
      throw new IllegalArgumentException("ConstantLR: factor must be in [0, 1], got " + factor);
    }
    this.factor = factor;
    this.totalIters = end() - begin() - 1;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    if (lastStep() == 0) {
      return current * factor;
    }
    return lastStep() == totalIters ? current * (1.0 / factor) : current;
  }
}
