package io.posekit.benchmarks.tree;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** A leaf: the parameters of a typical loss or transform. */
@RegisterModule(registry = Registries.MODELS, scope = "mmpose")
public final class Leaf implements Node {
  public Leaf(
      String name,
      @Param(defaultValue = "1.0") double lossWeight,
      @Param(defaultValue = "(3, 3)") int[] kernelSize,
      @Param(defaultValue = "'heatmap'") String mode,
      @Param(defaultValue = "True") boolean useTargetWeight) {}

  @Override
  public int size() {
    return 1;
  }
}
