package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.Map;

/** A top-down pose estimator: a head on person crops (backbone and neck left out of this stand-in). */
@RegisterModule(registry = Registries.MODELS)
public final class TopdownPoseEstimator {
  private final Head head;
  private final Map<String, Object> testCfg;

  public TopdownPoseEstimator(
      Head head, @Param(defaultValue = "dict(flip_test=True)") Map<String, Object> testCfg) {
    this.head = head;
    this.testCfg = Map.copyOf(testCfg);
  }

  public Head head() {
    return head;
  }

  public Map<String, Object> testCfg() {
    return testCfg;
  }
}
