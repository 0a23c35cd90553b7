package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.ConfigValue;

/** The non-maximum suppression {@link CocoMetric} applies per image. */
public enum NmsMode {
  @ConfigValue("oks_nms")
  OKS_NMS,
  @ConfigValue("soft_oks_nms")
  SOFT_OKS_NMS,
  /** No suppression, typically for bottom-up output. */
  @ConfigValue("none")
  NONE
}
