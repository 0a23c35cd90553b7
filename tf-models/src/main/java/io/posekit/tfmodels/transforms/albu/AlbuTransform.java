package io.posekit.tfmodels.transforms.albu;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.tfmodels.structures.ImageArray;
import java.util.random.RandomGenerator;

/** One albumentations transform on an image ({@code A.BasicTransform}); draws only from {@code rng}. */
@DeclareRegistry(AlbuTransform.REGISTRY)
public interface AlbuTransform {
  String REGISTRY = "ALBUMENTATIONS";

  /** The image after the transform (the input itself when it was not applied). */
  ImageArray apply(ImageArray image, RandomGenerator rng);
}
