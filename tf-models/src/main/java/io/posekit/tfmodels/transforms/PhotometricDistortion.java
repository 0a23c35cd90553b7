package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.HsvConversion;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/**
 * MMPose's {@code PhotometricDistortion}: random brightness, contrast, saturation and hue, and a
 * random channel order, each step on a coin flip. As in MMPose the contrast step runs only when
 * {@code contrast_mode == 1}, and then twice (before and after the HSV steps): both of MMPose's
 * checks test mode 1. Pixel steps compute in float32 and truncate back to uint8, as numpy does.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class PhotometricDistortion implements Transform {
  private final int brightnessDelta;
  private final double contrastLower, contrastUpper;
  private final double saturationLower, saturationUpper;
  private final int hueDelta;

  /** {@code _random_flags}, in MMPose's order of draws. */
  record Flags(int contrastMode, boolean brightness, boolean contrast, int hsvMode, boolean swap,
      double brightnessBeta, double contrastAlpha, double saturationAlpha, int hueDelta, int[] swapOrder) {}

  public PhotometricDistortion(
      @Param(defaultValue = "32") int brightnessDelta,
      @Param(defaultValue = "(0.5, 1.5)") double[] contrastRange,
      @Param(defaultValue = "(0.5, 1.5)") double[] saturationRange,
      @Param(defaultValue = "18") int hueDelta) {
    if (contrastRange.length != 2 || saturationRange.length != 2) {
      throw new IllegalArgumentException("PhotometricDistortion: contrast_range and saturation_range are (lower, upper)");
    }
    if (hueDelta < 1 || brightnessDelta < 0) {
      // np.random.randint(-hue_delta, hue_delta) needs a non-empty range
      throw new IllegalArgumentException("PhotometricDistortion: hue_delta must be >= 1 and brightness_delta >= 0, got "
          + hueDelta + " and " + brightnessDelta);
    }
    this.brightnessDelta = brightnessDelta;
    this.contrastLower = contrastRange[0];
    this.contrastUpper = contrastRange[1];
    this.saturationLower = saturationRange[0];
    this.saturationUpper = saturationRange[1];
    this.hueDelta = hueDelta;
  }

  Flags randomFlags(RandomGenerator rng) {
    int contrastMode = rng.nextInt(2);
    boolean brightness = rng.nextInt(2) == 1;
    boolean contrast = rng.nextInt(2) == 1;
    int hsvMode = rng.nextInt(4);
    boolean swap = rng.nextInt(2) == 1;
    double beta = uniform(-brightnessDelta, brightnessDelta, rng);
    double alpha = uniform(contrastLower, contrastUpper, rng);
    double saturation = uniform(saturationLower, saturationUpper, rng);
    int hue = rng.nextInt(-hueDelta, hueDelta); // numpy's randint excludes the upper end
    int[] order = {0, 1, 2};
    for (int i = 2; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new Flags(contrastMode, brightness, contrast, hsvMode, swap, beta, alpha, saturation, hue, order);
  }

  private static double uniform(double lo, double hi, RandomGenerator rng) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  /** {@code _convert}: {@code clip(float32(x) * alpha + beta, 0, 255)} truncated to uint8, on every c-th byte from offset. */
  private static void convert(byte[] px, int offset, int step, double alpha, double beta) {
    float a = (float) alpha, b = (float) beta;
    for (int i = offset; i < px.length; i += step) {
      float v = (px[i] & 0xff) * a + b;
      px[i] = (byte) (int) Math.max(0f, Math.min(255f, v));
    }
  }

  static ImageArray apply(ImageArray img, Flags f) {
    byte[] px = img.data().clone();
    if (f.brightness()) {
      convert(px, 0, 1, 1, f.brightnessBeta());
    }
    if (f.contrastMode() == 1 && f.contrast()) {
      convert(px, 0, 1, f.contrastAlpha(), 0);
    }
    if (f.hsvMode() != 0) {
      px = HsvConversion.bgrToHsv(px);
      if (f.hsvMode() == 1 || f.hsvMode() == 3) {
        convert(px, 1, 3, f.saturationAlpha(), 0);
      }
      if (f.hsvMode() == 2 || f.hsvMode() == 3) {
        for (int i = 0; i < px.length; i += 3) {
          px[i] = (byte) ((px[i] & 0xff) + f.hueDelta()); // numpy wraps the int back into uint8
        }
      }
      px = HsvConversion.hsvToBgr(px, img.width());
    }
    if (f.contrastMode() == 1 && f.contrast()) {
      convert(px, 0, 1, f.contrastAlpha(), 0);
    }
    if (f.swap()) {
      byte[] swapped = new byte[px.length];
      int[] order = f.swapOrder();
      for (int i = 0; i < px.length; i += 3) {
        for (int c = 0; c < 3; c++) {
          swapped[i + c] = px[i + order[c]];
        }
      }
      px = swapped;
    }
    return new ImageArray(img.height(), img.width(), img.channels(), px);
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    ImageArray img = results.image();
    if (img == null || img.channels() != 3) {
      throw new IllegalArgumentException(
          "PhotometricDistortion: sample img_id=" + results.imgId + " needs a 3-channel BGR image (run LoadImage first)");
    }
    results.img = apply(img, randomFlags(rng));
    return results;
  }
}
