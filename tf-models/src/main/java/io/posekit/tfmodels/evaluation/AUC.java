package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * MMPose's {@code AUC}: the mean PCK over {@code num_thrs} thresholds {@code 0, 1/num_thrs, ...},
 * pixel distances divided by the fixed {@code norm_factor}; key {@code AUC}.
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public final class AUC extends KeypointErrorMetric {
  private final double normFactor;
  private final int numThrs;

  public AUC(
      @Param(defaultValue = "30") double normFactor,
      @Param(defaultValue = "20") int numThrs,
      @Param(defaultValue = "None") @Nullable String prefix) {
    super(prefix);
    if (numThrs < 1) {
      throw new IllegalArgumentException("num_thrs must be at least 1, got " + numThrs);
    }
    this.normFactor = normFactor;
    this.numThrs = numThrs;
  }

  @Override
  boolean[] needs() {
    return new boolean[3];
  }

  @Override
  Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask) {
    return Map.of("AUC", KeypointEval.auc(pred, gt, mask, normFactor, numThrs));
  }
}
