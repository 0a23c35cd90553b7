package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** Flips the image and keypoints with probability {@code prob}. */
@RegisterModule(registry = Registries.TRANSFORMS)
public final class RandomFlip implements Transform {
  private final double prob;
  private final String direction;

  public RandomFlip(
      @Param(defaultValue = "0.5") double prob, @Param(defaultValue = "'horizontal'") String direction) {
    this.prob = prob;
    this.direction = direction;
  }

  public double prob() {
    return prob;
  }

  public String direction() {
    return direction;
  }
}
