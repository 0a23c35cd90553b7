package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** MSE loss for heatmaps. */
@RegisterModule(registry = Registries.MODELS)
public final class KeypointMSELoss implements Loss {
  private final boolean useTargetWeight;
  private final double lossWeight;

  public KeypointMSELoss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
  }

  public boolean useTargetWeight() {
    return useTargetWeight;
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
