package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.albu.AlbuTransform;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * MMPose's {@code Albumentation}: runs albumentations' pixel-level {@code transforms} in order on
 * {@code img} (an {@code A.Compose} with p = 1). Only the image is handed over, so keypoints and
 * boxes never change; {@code keymap} may only restate that mapping ({@code img} to {@code image}).
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class Albumentation implements Transform {
  private final List<AlbuTransform> transforms;

  public Albumentation(List<AlbuTransform> transforms, @Param(defaultValue = "None") @Nullable Map<String, String> keymap) {
    if (keymap != null && !keymap.isEmpty() && !keymap.equals(Map.of("img", "image"))) {
      throw new IllegalArgumentException("Albumentation: only the image goes through albumentations here; keymap must be"
          + " None or {'img': 'image'}, got " + keymap);
    }
    this.transforms = List.copyOf(transforms);
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    ImageArray img = results.image();
    if (img == null) {
      throw new IllegalArgumentException("Albumentation: sample img_id=" + results.imgId + " has no image (run LoadImage first)");
    }
    for (AlbuTransform t : transforms) {
      img = t.apply(img, rng);
    }
    results.img = img;
    return results;
  }
}
