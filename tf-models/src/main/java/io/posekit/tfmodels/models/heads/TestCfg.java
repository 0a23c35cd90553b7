package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;

/** A top-down estimator's {@code test_cfg}, which MMPose hands to {@code head.predict} (flip test, outputs kept). */
public record TestCfg(
    @Param(defaultValue = "False") boolean flipTest,
    @Param(defaultValue = "'heatmap'") FlipMode flipMode,
    @Param(defaultValue = "True") boolean shiftHeatmap,
    @Param(defaultValue = "False") boolean outputHeatmaps) {

  /** How flipped predictions are mapped back; heatmap heads use {@code 'heatmap'}. */
  public enum FlipMode {
    @ConfigValue("heatmap")
    HEATMAP
  }
}
