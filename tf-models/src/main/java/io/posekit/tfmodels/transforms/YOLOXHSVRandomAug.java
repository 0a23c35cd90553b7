package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.HsvConversion;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/**
 * mmdet's {@code YOLOXHSVRandomAug}: each of hue, saturation and value gets, with probability one
 * half, a gain drawn uniformly from {@code (-delta, delta)} and truncated to an int; in OpenCV's
 * 8-bit HSV the hue wraps modulo 180 and the other two are clipped to [0, 255].
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmdet")
public final class YOLOXHSVRandomAug implements Transform {
  private final int[] deltas;

  public YOLOXHSVRandomAug(
      @Param(defaultValue = "5") int hueDelta,
      @Param(defaultValue = "30") int saturationDelta,
      @Param(defaultValue = "30") int valueDelta) {
    this.deltas = new int[] {hueDelta, saturationDelta, valueDelta};
  }

  /** {@code _get_hsv_gains}: three uniform draws, then three coin flips, then {@code astype(int16)}. */
  int[] hsvGains(RandomGenerator rng) {
    double[] gains = new double[3];
    for (int i = 0; i < 3; i++) {
      gains[i] = (rng.nextDouble() * 2 - 1) * deltas[i];
    }
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      out[i] = (int) (gains[i] * rng.nextInt(2)); // truncates toward zero, as numpy's cast
    }
    return out;
  }

  /** The image with the gains added in HSV. */
  static ImageArray apply(ImageArray img, int[] gains) {
    byte[] hsv = HsvConversion.bgrToHsv(img.data());
    for (int p = 0; p < hsv.length; p += 3) {
      hsv[p] = (byte) Math.floorMod((hsv[p] & 0xff) + gains[0], 180);
      hsv[p + 1] = (byte) Math.max(0, Math.min(255, (hsv[p + 1] & 0xff) + gains[1]));
      hsv[p + 2] = (byte) Math.max(0, Math.min(255, (hsv[p + 2] & 0xff) + gains[2]));
    }
    return new ImageArray(img.height(), img.width(), img.channels(), HsvConversion.hsvToBgr(hsv, img.width()));
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    ImageArray img = results.image();
    if (img == null || img.channels() != 3) {
      throw new IllegalArgumentException(
          "YOLOXHSVRandomAug: sample img_id=" + results.imgId + " needs a 3-channel BGR image (run LoadImage first)");
    }
    results.img = apply(img, hsvGains(rng));
    return results;
  }
}
