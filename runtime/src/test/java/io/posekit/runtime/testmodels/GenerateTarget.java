package io.posekit.runtime.testmodels;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** Encodes the keypoints into training targets with a codec. */
@RegisterModule(registry = Registries.TRANSFORMS)
public final class GenerateTarget implements Transform {
  private final KeypointCodec encoder;

  public GenerateTarget(KeypointCodec encoder) {
    this.encoder = encoder;
  }

  public KeypointCodec encoder() {
    return encoder;
  }
}
