package io.posekit.runtime.engine.schedulers;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.optim.Optimizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** MMEngine's {@code MultiStepLR}: multiplies by {@code gamma} (to the number of repeats) at each milestone, counted from {@code begin}. */
@RegisterModule(registry = Registries.PARAM_SCHEDULERS)
public final class MultiStepLR extends BaseParamScheduler {
  private final Map<Integer, Integer> milestones = new TreeMap<>();
  private final double gamma;

  public MultiStepLR(
      @Provided("optimizer") Optimizer optimizer,
      @Provided("epoch_length") Integer epochLength,
      List<Integer> milestones,
      @Param(defaultValue = "0.1") double gamma,
      @Param(defaultValue = "0") int begin,
      @Param(defaultValue = "1000000000") int end,
      @Param(defaultValue = "-1") int lastStep,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "False") boolean verbose,
      @Param(defaultValue = "False") boolean convertToIterBased) {
    super(optimizer, "lr",
        ScheduleWindow.of("MultiStepLR", begin, end, byEpoch, convertToIterBased, epochLength),
        lastStep, verbose);
    for (int m : milestones) {
      this.milestones.merge(window().scale(m), 1, Integer::sum);
    }
    this.gamma = gamma;
    start();
  }

  @Override
  protected double nextValue(double current, double baseValue) {
    Integer repeats = milestones.get(lastStep());
    return repeats == null ? current : current * Math.pow(gamma, repeats);
  }
}
