package io.posekit.tfmodels.datasets;

import io.posekit.annotations.ConfigValue;

/** One sample per person ({@code topdown}) or per image ({@code bottomup}). */
public enum DataMode {
  @ConfigValue("topdown")
  TOPDOWN,
  @ConfigValue("bottomup")
  BOTTOMUP
}
