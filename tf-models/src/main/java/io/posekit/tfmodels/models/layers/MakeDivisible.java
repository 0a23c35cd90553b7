package io.posekit.tfmodels.models.layers;

/** MMPose's {@code make_divisible}: channel counts rounded to a multiple of a divisor, as the mobile networks widen them. */
public final class MakeDivisible {
  private MakeDivisible() {}

  /**
   * The multiple of {@code divisor} nearest {@code value} (halves up), at least {@code minValue}
   * (the divisor when 0), plus one divisor when rounding lost more than {@code 1 - minRatio} of it.
   */
  public static int of(double value, int divisor, int minValue, double minRatio) {
    int min = minValue == 0 ? divisor : minValue;
    int rounded = Math.max(min, (int) (value + divisor / 2.0) / divisor * divisor);
    return rounded < minRatio * value ? rounded + divisor : rounded;
  }

  /** {@code make_divisible(value, divisor)}: minimum the divisor, min_ratio 0.9. */
  public static int of(double value, int divisor) {
    return of(value, divisor, 0, 0.9);
  }
}
