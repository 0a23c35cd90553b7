package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;
import io.posekit.annotations.Nullable;

/** MMEngine's {@code CosineAnnealingLR}: cosine from the base value to {@code eta_min} (or base × {@code eta_min_ratio}) over {@code T_max} steps (default {@code end - begin}), in PyTorch's chainable form including its restart branch. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class CosineAnnealingLR extends BaseParamScheduler {
  private final int tMax;
  private final @Nullable Double etaMin;
  private final @Nullable Double etaMinRatio;

  public CosineAnnealingLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      @Param(name = "T_max", defaultValue = "None") @Nullable Integer tMax,
      @Param(defaultValue = "None") @Nullable Double etaMin,
      @Param(defaultValue = "None") @Nullable Double etaMinRatio,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("CosineAnnealingLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    if (etaMin == null && etaMinRatio == null) {
      etaMin = 0.0;
    }
    if ((etaMin == null) == (etaMinRatio == null)) {
      throw new IllegalArgumentException(
          "CosineAnnealingLR: give either eta_min or eta_min_ratio, not both");
    }
    this.tMax = tMax != null && tMax != 0 ? window().scale(tMax) : end() - begin();
    this.etaMin = etaMin;
    this.etaMinRatio = etaMinRatio;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    double min = etaMinRatio == null ? etaMin : baseValue * etaMinRatio;
    int k = lastStep();
    if (k == 0) {
      return current;
    }
    if (Math.floorMod(k - 1 - tMax, 2 * tMax) == 0) {
      return current + (baseValue - min) * (1 - Math.cos(Math.PI / tMax)) / 2;
    }
    return (1 + Math.cos(Math.PI * k / tMax)) / (1 + Math.cos(Math.PI * (k - 1) / tMax))
        * (current - min) + min;
  }
}
