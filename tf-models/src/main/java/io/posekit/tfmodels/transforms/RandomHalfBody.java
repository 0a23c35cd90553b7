package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * With probability {@code prob}, replaces an instance's box by one around only its upper or only
 * its lower body (upper preferred with {@code upper_prioritized_prob}), if enough keypoints of that
 * half are visible: the mean of the half's keypoints as centre and their extent times
 * {@code padding} as scale.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class RandomHalfBody implements Transform {
  private final int minTotalKeypoints;
  private final int minUpperKeypoints;
  private final int minLowerKeypoints;
  private final double padding;
  private final double prob;
  private final double upperPrioritizedProb;

  public RandomHalfBody(
      @Param(defaultValue = "9") int minTotalKeypoints,
      @Param(defaultValue = "2") int minUpperKeypoints,
      @Param(defaultValue = "3") int minLowerKeypoints,
      @Param(defaultValue = "1.5") double padding,
      @Param(defaultValue = "0.3") double prob,
      @Param(defaultValue = "0.7") double upperPrioritizedProb) {
    this.minTotalKeypoints = minTotalKeypoints;
    this.minUpperKeypoints = minUpperKeypoints;
    this.minLowerKeypoints = minLowerKeypoints;
    this.padding = padding;
    this.prob = prob;
    this.upperPrioritizedProb = upperPrioritizedProb;
  }

  /** Which keypoints make the half-body box of each instance; null keeps the instance's box. */
  List<int[]> selectHalfBody(double[][] keypointsVisible, List<Integer> upperIds, List<Integer> lowerIds, RandomGenerator rng) {
    List<int[]> out = new ArrayList<>();
    for (double[] visible : keypointsVisible) {
      double total = 0;
      for (double v : visible) {
        total += v;
      }
      int[] indices;
      if (total < minTotalKeypoints) {
        indices = null;
      } else if (rng.nextDouble() > prob) {
        indices = null;
      } else {
        int[] upper = upperIds.stream().filter(i -> visible[i] > 0).mapToInt(Integer::intValue).toArray();
        int[] lower = lowerIds.stream().filter(i -> visible[i] > 0).mapToInt(Integer::intValue).toArray();
        boolean preferUpper = rng.nextDouble() < upperPrioritizedProb;
        if (upper.length < minUpperKeypoints && lower.length < minLowerKeypoints) {
          indices = null;
        } else if (lower.length < minLowerKeypoints) {
          indices = upper;
        } else if (upper.length < minUpperKeypoints) {
          indices = lower;
        } else {
          indices = preferUpper ? upper : lower;
        }
      }
      out.add(indices);
    }
    return out;
  }

  /** Centre (mean) and padded extent of the chosen keypoints: {centre, scale}. */
  double[][] halfBodyBox(double[][] keypoints, int[] ids) {
    double sx = 0, sy = 0;
    double x1 = Double.POSITIVE_INFINITY, y1 = Double.POSITIVE_INFINITY;
    double x2 = Double.NEGATIVE_INFINITY, y2 = Double.NEGATIVE_INFINITY;
    for (int i : ids) {
      double x = keypoints[i][0], y = keypoints[i][1];
      sx += x;
      sy += y;
      x1 = Math.min(x1, x);
      y1 = Math.min(y1, y);
      x2 = Math.max(x2, x);
      y2 = Math.max(y2, y);
    }
    return new double[][] {{sx / ids.length, sy / ids.length}, {(x2 - x1) * padding, (y2 - y1) * padding}};
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.keypointsVisible == null || results.keypoints == null || results.bboxCenter == null
        || results.bboxScale == null || results.upperBodyIds == null || results.lowerBodyIds == null) {
      throw new IllegalArgumentException(
          "RandomHalfBody: sample img_id=" + results.imgId
              + " needs keypoints, keypoints_visible, bbox_center, bbox_scale and upper/lower_body_ids");
    }
    List<int[]> half = selectHalfBody(results.keypointsVisible, results.upperBodyIds, results.lowerBodyIds, rng);
    for (int i = 0; i < half.size(); i++) {
      if (half.get(i) != null) {
        double[][] cs = halfBodyBox(results.keypoints[i], half.get(i));
        results.bboxCenter[i] = cs[0];
        results.bboxScale[i] = cs[1];
      }
    }
    return results;
  }
}
