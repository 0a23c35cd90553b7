package io.posekit.tfmodels.transforms.albu;

import io.posekit.tfmodels.structures.ImageArray;
import java.util.SplittableRandom;

final class PixelImages {
  private PixelImages() {}

  /** A seeded random BGR image. */
  static ImageArray noise(int h, int w, long seed) {
    byte[] px = new byte[h * w * 3];
    new SplittableRandom(seed).nextBytes(px);
    return new ImageArray(h, w, 3, px);
  }
}
