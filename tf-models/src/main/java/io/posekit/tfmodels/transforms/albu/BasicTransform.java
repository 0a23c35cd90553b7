package io.posekit.tfmodels.transforms.albu;

import io.posekit.tfmodels.structures.ImageArray;
import java.util.random.RandomGenerator;

/**
 * Albumentations' {@code BasicTransform.__call__}: draws whether to apply ({@code random() < p},
 * drawn even when {@code always_apply}), then the transform's parameters, then applies them.
 */
abstract class BasicTransform implements AlbuTransform {
  private final boolean alwaysApply;
  private final double p;

  BasicTransform(String name, boolean alwaysApply, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + ": p must be in [0, 1], got " + p);
    }
    this.alwaysApply = alwaysApply;
    this.p = p;
  }

  @Override
  public final ImageArray apply(ImageArray image, RandomGenerator rng) {
    boolean run = rng.nextDouble() < p || alwaysApply;
    return run ? applyDrawn(image, rng) : image;
  }

  /** Draws this transform's parameters from {@code rng} and applies them. */
  abstract ImageArray applyDrawn(ImageArray image, RandomGenerator rng);

  /**
   * Albumentations' {@code to_tuple(limit, 3)} for a blur limit: an int {@code k} is the range
   * between 3 and k, a pair is taken as it is; the odd sizes of that range are the choices.
   */
  static int[] kernelChoices(String name, Object blurLimit, boolean oddOnly) {
    int lo, hi;
    Integer k = PyNumbers.asInt(blurLimit);
    java.util.List<?> pair = PyNumbers.asSequence(blurLimit);
    if (k != null) {
      lo = Math.min(3, k);
      hi = Math.max(3, k);
    } else if (pair != null && pair.size() == 2 && PyNumbers.asInt(pair.get(0)) != null
        && PyNumbers.asInt(pair.get(1)) != null) {
      lo = PyNumbers.asInt(pair.get(0));
      hi = PyNumbers.asInt(pair.get(1));
    } else {
      throw new IllegalArgumentException(name + ": blur_limit must be an int or a pair of ints, got " + blurLimit);
    }
    if (oddOnly && (lo % 2 != 1 || hi % 2 != 1)) {
      throw new IllegalArgumentException(name + " supports only odd blur limits, got (" + lo + ", " + hi + ")");
    }
    if (lo < 1 || hi < lo) {
      throw new IllegalArgumentException(name + ": blur_limit must be a range of sizes >= 1, got (" + lo + ", " + hi + ")");
    }
    int[] choices = new int[(hi - lo) / 2 + 1];
    for (int i = 0; i < choices.length; i++) {
      choices[i] = lo + 2 * i;
    }
    return choices;
  }
}
