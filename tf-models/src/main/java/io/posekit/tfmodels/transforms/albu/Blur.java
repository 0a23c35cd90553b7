package io.posekit.tfmodels.transforms.albu;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.ImageFilters;
import java.util.random.RandomGenerator;

/**
 * Albumentations' {@code Blur}: a box blur ({@code cv2.blur}) with a kernel size drawn uniformly
 * from the odd sizes of {@code blur_limit} (default 7: sizes 3, 5 and 7).
 */
@RegisterModule(registry = AlbuTransform.REGISTRY)
public final class Blur extends BasicTransform {
  private final int[] kernelSizes;

  public Blur(
      @Param(defaultValue = "7") Object blurLimit,
      @Param(defaultValue = "False") boolean alwaysApply,
      @Param(defaultValue = "0.5") double p) {
    super("Blur", alwaysApply, p);
    this.kernelSizes = kernelChoices("Blur", blurLimit, false);
  }

  /** The kernel sizes {@code random.choice} picks from. */
  int[] kernelSizes() {
    return kernelSizes.clone();
  }

  @Override
  ImageArray applyDrawn(ImageArray image, RandomGenerator rng) {
    return ImageFilters.blur(image, kernelSizes[rng.nextInt(kernelSizes.length)]);
  }
}
