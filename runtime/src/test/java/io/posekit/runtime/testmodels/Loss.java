package io.posekit.runtime.testmodels;

/** A training loss (MMPose's losses live in MODELS). */
public interface Loss {
  double lossWeight();
}
