package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.ConfigValue;

/** How {@link CocoMetric} scores an instance before NMS and ranking. */
public enum ScoreMode {
  /** The box score alone. */
  @ConfigValue("bbox")
  BBOX,
  /** Box score times the mean of the keypoint scores above {@code keypoint_score_thr}. */
  @ConfigValue("bbox_keypoint")
  BBOX_KEYPOINT,
  /** Box score plus the mean and the maximum keypoint score (RLE heads). */
  @ConfigValue("bbox_rle")
  BBOX_RLE,
  /** The mean keypoint score. */
  @ConfigValue("keypoint")
  KEYPOINT
}
