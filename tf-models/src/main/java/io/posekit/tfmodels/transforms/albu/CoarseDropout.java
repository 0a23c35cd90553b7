package io.posekit.tfmodels.transforms.albu;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.tfmodels.structures.ImageArray;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Albumentations' {@code CoarseDropout} as of 1.3 (the {@code max_holes} API RTMPose's configs use):
 * between {@code min_holes} and {@code max_holes} rectangles are filled with {@code fill_value}.
 * Hole sizes are pixels when all four of {@code min/max_height/width} are ints, fractions of the
 * image side when all four are floats ({@code int(side * uniform(min, max))}); a hole's corner is
 * drawn so that it lies inside the image. The {@code min_*} default to their {@code max_*}.
 */
@RegisterModule(registry = AlbuTransform.REGISTRY)
public final class CoarseDropout extends BasicTransform {
  private final int minHoles;
  private final int maxHoles;
  /** {min_height, max_height, min_width, max_width}: pixels, or fractions when {@link #fractions}. */
  private final double[] limits;
  private final boolean fractions;
  private final int fillValue;

  /** One filled rectangle, {@code [x1, x2) x [y1, y2)}. */
  public record Hole(int x1, int y1, int x2, int y2) {}

  public CoarseDropout(
      @Param(defaultValue = "8") int maxHoles,
      @Param(defaultValue = "8") Object maxHeight,
      @Param(defaultValue = "8") Object maxWidth,
      @Param(defaultValue = "None") @Nullable Integer minHoles,
      @Param(defaultValue = "None") @Nullable Object minHeight,
      @Param(defaultValue = "None") @Nullable Object minWidth,
      @Param(defaultValue = "0") int fillValue,
      // only the image reaches albumentations from MMPose's Albumentation, so masks never change
      @Param(defaultValue = "None") @Nullable Object maskFillValue,
      @Param(defaultValue = "False") boolean alwaysApply,
      @Param(defaultValue = "0.5") double p) {
    super("CoarseDropout", alwaysApply, p);
    this.maxHoles = maxHoles;
    this.minHoles = minHoles != null ? minHoles : maxHoles;
    if (!(0 < this.minHoles && this.minHoles <= maxHoles)) {
      throw new IllegalArgumentException(
          "CoarseDropout: invalid combination of min_holes and max_holes, got [" + minHoles + ", " + maxHoles + "]");
    }
    if (fillValue < 0 || fillValue > 255) {
      throw new IllegalArgumentException("CoarseDropout: fill_value must be a pixel value in [0, 255], got " + fillValue);
    }
    this.fillValue = fillValue;
    Object[] raw = {minHeight != null ? minHeight : maxHeight, maxHeight, minWidth != null ? minWidth : maxWidth, maxWidth};
    boolean allInts = true, allFloats = true;
    for (Object r : raw) {
      allInts &= PyNumbers.asInt(r) != null;
      allFloats &= PyNumbers.asFloat(r) != null;
    }
    if (!allInts && !allFloats) {
      throw new IllegalArgumentException("CoarseDropout: min_width, max_width, min_height and max_height must all be"
          + " ints or all floats, got " + java.util.Arrays.toString(raw));
    }
    this.fractions = allFloats;
    this.limits = new double[4];
    for (int i = 0; i < 4; i++) {
      limits[i] = allInts ? PyNumbers.asInt(raw[i]) : PyNumbers.asFloat(raw[i]);
      if (fractions && !(limits[i] >= 0 && limits[i] < 1)) {
        throw new IllegalArgumentException(
            "CoarseDropout: a float hole size is a fraction in [0.0, 1.0), got " + limits[i]);
      }
    }
    if (!(0 < limits[0] && limits[0] <= limits[1])) {
      throw new IllegalArgumentException("CoarseDropout: invalid combination of min_height and max_height, got ["
          + raw[0] + ", " + raw[1] + "]");
    }
    if (!(0 < limits[2] && limits[2] <= limits[3])) {
      throw new IllegalArgumentException("CoarseDropout: invalid combination of min_width and max_width, got ["
          + raw[2] + ", " + raw[3] + "]");
    }
  }

  /** {@code get_params_dependent_on_targets}: the holes for an image of {@code height x width}. */
  List<Hole> drawHoles(int height, int width, RandomGenerator rng) {
    int n = rng.nextInt(minHoles, maxHoles + 1);
    List<Hole> holes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int holeHeight, holeWidth;
      if (fractions) {
        holeHeight = (int) (height * uniform(limits[0], limits[1], rng));
        holeWidth = (int) (width * uniform(limits[2], limits[3], rng));
      } else {
        holeHeight = rng.nextInt((int) limits[0], (int) limits[1] + 1);
        holeWidth = rng.nextInt((int) limits[2], (int) limits[3] + 1);
      }
      if (holeHeight > height || holeWidth > width) {
        throw new IllegalArgumentException("CoarseDropout: a hole of " + holeHeight + " x " + holeWidth
            + " does not fit an image of " + height + " x " + width);
      }
      int y1 = rng.nextInt(0, height - holeHeight + 1);
      int x1 = rng.nextInt(0, width - holeWidth + 1);
      holes.add(new Hole(x1, y1, x1 + holeWidth, y1 + holeHeight));
    }
    return holes;
  }

  /** Python's {@code random.uniform(a, b)}: {@code a + (b - a) * random()}. */
  private static double uniform(double a, double b, RandomGenerator rng) {
    return a + (b - a) * rng.nextDouble();
  }

  /** {@code cutout}: a copy of the image with every hole set to {@code fill_value} in all channels. */
  ImageArray cutout(ImageArray image, List<Hole> holes) {
    byte[] out = image.data().clone();
    int w = image.width(), c = image.channels();
    for (Hole hole : holes) {
      for (int y = hole.y1(); y < hole.y2(); y++) {
        java.util.Arrays.fill(out, (y * w + hole.x1()) * c, (y * w + hole.x2()) * c, (byte) fillValue);
      }
    }
    return new ImageArray(image.height(), w, c, out);
  }

  @Override
  ImageArray applyDrawn(ImageArray image, RandomGenerator rng) {
    return cutout(image, drawHoles(image.height(), image.width(), rng));
  }
}
