package io.posekit.tfmodels.structures;

import io.posekit.annotations.ConfigValue;

/** The axis of a flip, as MMPose names them. */
public enum FlipDirection {
  @ConfigValue("horizontal")
  HORIZONTAL,
  @ConfigValue("vertical")
  VERTICAL,
  @ConfigValue("diagonal")
  DIAGONAL;

  public String configValue() {
    return name().toLowerCase();
  }

  public static FlipDirection fromConfigValue(String value) {
    for (FlipDirection d : values()) {
      if (d.configValue().equals(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "flip direction must be 'horizontal', 'vertical' or 'diagonal', got '" + value + "'");
  }
}
