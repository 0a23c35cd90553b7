package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;

/**
 * A top-down estimator's {@code test_cfg}, which MMPose hands to {@code head.predict} (flip test,
 * outputs kept). {@code shift_coords} is the regression heads' flip shift of one input pixel
 * ({@code flip_coordinates}), {@code shift_heatmap} the heatmap heads'.
 */
public record TestCfg(
    @Param(defaultValue = "False") boolean flipTest,
    @Param(defaultValue = "'heatmap'") FlipMode flipMode,
    @Param(defaultValue = "True") boolean shiftHeatmap,
    @Param(defaultValue = "False") boolean outputHeatmaps,
    @Param(defaultValue = "True") boolean shiftCoords) {

  /** Without {@code shift_coords} (its default, True). */
  public TestCfg(boolean flipTest, FlipMode flipMode, boolean shiftHeatmap, boolean outputHeatmaps) {
    this(flipTest, flipMode, shiftHeatmap, outputHeatmaps, true);
  }

  /** How flipped predictions are mapped back; heatmap heads use {@code 'heatmap'}. */
  public enum FlipMode {
    @ConfigValue("heatmap")
    HEATMAP
  }
}
