package io.posekit.tfmodels.transforms.albu;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.ImageFilters;
import java.util.random.RandomGenerator;

/**
 * Albumentations' {@code MedianBlur}: {@code cv2.medianBlur} with an aperture drawn uniformly from
 * the odd sizes of {@code blur_limit} (default 7: 3, 5 and 7); the limits must be odd.
 */
@RegisterModule(registry = AlbuTransform.REGISTRY)
public final class MedianBlur extends BasicTransform {
  private final int[] kernelSizes;

  public MedianBlur(
      @Param(defaultValue = "7") Object blurLimit,
      @Param(defaultValue = "False") boolean alwaysApply,
      @Param(defaultValue = "0.5") double p) {
    super("MedianBlur", alwaysApply, p);
    this.kernelSizes = kernelChoices("MedianBlur", blurLimit, true);
  }

  int[] kernelSizes() {
    return kernelSizes.clone();
  }

  @Override
  ImageArray applyDrawn(ImageArray image, RandomGenerator rng) {
    return ImageFilters.medianBlur(image, kernelSizes[rng.nextInt(kernelSizes.length)]);
  }
}
