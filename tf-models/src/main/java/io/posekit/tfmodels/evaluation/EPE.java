package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/** MMPose's {@code EPE}: the mean pixel distance of the visible keypoints; key {@code EPE}. */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public final class EPE extends KeypointErrorMetric {

  public EPE(@Param(defaultValue = "None") @Nullable String prefix) {
    super(prefix);
  }

  @Override
  boolean[] needs() {
    return new boolean[3];
  }

  @Override
  Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask) {
    return Map.of("EPE", KeypointEval.epe(pred, gt, mask));
  }
}
