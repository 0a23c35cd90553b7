package io.posekit.runtime.testmodels;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.List;

/** A pipeline: the transforms in order (MMEngine's {@code Compose}, scope mmengine). */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmengine")
public final class Compose implements Transform {
  private final List<Transform> transforms;

  public Compose(List<Transform> transforms) {
    this.transforms = List.copyOf(transforms);
  }

  public List<Transform> transforms() {
    return transforms;
  }
}
