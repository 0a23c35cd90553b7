package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** Crops and warps the person box to the model input size. */
@RegisterModule(registry = Registries.TRANSFORMS)
public final class TopdownAffine implements Transform {
  private final int[] inputSize;
  private final boolean useUdp;

  public TopdownAffine(int[] inputSize, @Param(defaultValue = "False") boolean useUdp) {
    this.inputSize = inputSize.clone();
    this.useUdp = useUdp;
  }

  public int[] inputSize() {
    return inputSize.clone();
  }

  public boolean useUdp() {
    return useUdp;
  }
}
