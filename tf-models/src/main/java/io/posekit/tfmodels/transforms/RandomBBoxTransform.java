package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/**
 * Jitters each box: shifts its centre by up to {@code shift_factor} of its size (with
 * {@code shift_prob}), scales it within {@code scale_factor} (with {@code scale_prob}) and sets a
 * rotation of up to {@code rotate_factor} degrees (with {@code rotate_prob}) in
 * {@code bbox_rotation}. The factors are drawn from a normal distribution truncated to [-1, 1].
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class RandomBBoxTransform implements Transform {
  private final double shiftFactor;
  private final double shiftProb;
  private final double[] scaleFactor;
  private final double scaleProb;
  private final double rotateFactor;
  private final double rotateProb;

  public RandomBBoxTransform(
      @Param(defaultValue = "0.16") double shiftFactor,
      @Param(defaultValue = "0.3") double shiftProb,
      @Param(defaultValue = "(0.5, 1.5)") double[] scaleFactor,
      @Param(defaultValue = "1.0") double scaleProb,
      @Param(defaultValue = "80.0") double rotateFactor,
      @Param(defaultValue = "0.6") double rotateProb) {
    if (scaleFactor.length != 2 || scaleFactor[0] > scaleFactor[1]) {
      throw new IllegalArgumentException("RandomBBoxTransform: scale_factor must be (min, max), got "
          + java.util.Arrays.toString(scaleFactor));
    }
    this.shiftFactor = shiftFactor;
    this.shiftProb = shiftProb;
    this.scaleFactor = scaleFactor.clone();
    this.scaleProb = scaleProb;
    this.rotateFactor = rotateFactor;
    this.rotateProb = rotateProb;
  }

  /** A standard normal draw conditioned on [-1, 1] (scipy's {@code truncnorm(-1, 1)}), by rejection. */
  static double truncnorm(RandomGenerator rng) {
    while (true) {
      double v = rng.nextGaussian();
      if (v >= -1 && v <= 1) {
        return v;
      }
    }
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.bboxCenter == null || results.bboxScale == null) {
      throw new IllegalArgumentException(
          "RandomBBoxTransform: sample img_id=" + results.imgId + " has no bbox_center/bbox_scale (run GetBBoxCenterScale first)");
    }
    int n = results.bboxScale.length;
    double mu = (scaleFactor[1] + scaleFactor[0]) * 0.5;
    double sigma = (scaleFactor[1] - scaleFactor[0]) * 0.5;
    double[] rotation = new double[n];
    for (int i = 0; i < n; i++) {
      double ox = truncnorm(rng) * shiftFactor, oy = truncnorm(rng) * shiftFactor;
      double scaleV = truncnorm(rng), rotateV = truncnorm(rng);
      if (!(rng.nextDouble() < shiftProb)) {
        ox = 0;
        oy = 0;
      }
      double scale = rng.nextDouble() < scaleProb ? scaleV * sigma + mu : 1.0;
      rotation[i] = rng.nextDouble() < rotateProb ? rotateV * rotateFactor : 0.0;
      double[] c = results.bboxCenter[i], s = results.bboxScale[i];
      results.bboxCenter[i] = new double[] {c[0] + ox * s[0], c[1] + oy * s[1]};
      results.bboxScale[i] = new double[] {s[0] * scale, s[1] * scale};
    }
    results.bboxRotation = rotation;
    return results;
  }
}
