package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.BBoxTransforms;
import io.posekit.tfmodels.structures.FlipDirection;
import io.posekit.tfmodels.structures.KeypointTransforms;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Flips the image, boxes, centres and keypoints with probability {@code prob}; left and right
 * keypoints swap by the sample's {@code flip_indices}. As in MMPose, {@code direction} is one name
 * or a list of names and {@code prob} one probability (shared out over the directions) or one per
 * direction.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class RandomFlip implements Transform {
  private final List<FlipDirection> directions = new ArrayList<>();
  private final double[] probs;

  /**
   * @param prob a float, or a list of floats with one per direction
   * @param direction {@code 'horizontal'}, {@code 'vertical'}, {@code 'diagonal'} or a list of them
   */
  public RandomFlip(
      @Param(defaultValue = "0.5") Object prob, @Param(defaultValue = "'horizontal'") Object direction) {
    if (direction instanceof String s) {
      directions.add(FlipDirection.fromConfigValue(s));
    } else if (direction instanceof List<?> list && !list.isEmpty()) {
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException("RandomFlip: direction must be a string or a list of strings, got " + list);
        }
        directions.add(FlipDirection.fromConfigValue(s));
      }
    } else {
      throw new IllegalArgumentException("RandomFlip: direction must be a string or a list of strings, got " + direction);
    }
    probs = new double[directions.size()];
    if (prob instanceof Number p) {
      double v = p.doubleValue();
      if (v < 0 || v > 1) {
        throw new IllegalArgumentException("RandomFlip: prob must be in [0, 1], got " + v);
      }
      for (int i = 0; i < probs.length; i++) {
        probs[i] = v / probs.length;
      }
    } else if (prob instanceof List<?> list) {
      if (list.size() != directions.size()) {
        throw new IllegalArgumentException(
            "RandomFlip: " + list.size() + " probabilities for " + directions.size() + " directions");
      }
      double sum = 0;
      for (int i = 0; i < probs.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw new IllegalArgumentException("RandomFlip: prob must be a float or a list of floats, got " + list);
        }
        probs[i] = n.doubleValue();
        sum += probs[i];
      }
      if (sum < 0 || sum > 1) {
        throw new IllegalArgumentException("RandomFlip: probabilities must sum to at most 1, got " + sum);
      }
    } else {
      throw new IllegalArgumentException("RandomFlip: prob must be a float or a list of floats, got " + prob);
    }
  }

  /** One draw picks a direction or no flip, like {@code np.random.choice} over the cumulative probabilities. */
  FlipDirection chooseDirection(RandomGenerator rng) {
    double u = rng.nextDouble();
    double cum = 0;
    for (int i = 0; i < probs.length; i++) {
      cum += probs[i];
      if (u < cum) {
        return directions.get(i);
      }
    }
    return null;
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    FlipDirection dir = chooseDirection(rng);
    if (dir == null) {
      results.flip = false;
      results.flipDirection = null;
      return results;
    }
    results.flip = true;
    results.flipDirection = dir;
    int[] hw = results.imgShape;
    if (hw == null) {
      throw new IllegalArgumentException("RandomFlip: sample img_id=" + results.imgId + " has no img_shape (load the image first)");
    }
    int h = hw[0], w = hw[1];
    if (results.img != null) {
      results.img = results.img.flip(dir);
    } else if (results.encodedImg != null) {
      results.encodedImg = results.encodedImg.flip(dir); // recorded; applied when decoded
    }
    if (results.bbox != null) {
      for (int i = 0; i < results.bbox.length; i++) {
        results.bbox[i] = BBoxTransforms.flipBboxXyxy(results.bbox[i], w, h, dir);
      }
    }
    if (results.bboxCenter != null) {
      for (int i = 0; i < results.bboxCenter.length; i++) {
        results.bboxCenter[i] = BBoxTransforms.flipCenter(results.bboxCenter[i], w, h, dir);
      }
    }
    if (results.keypoints != null) {
      if (results.flipIndices == null || results.keypointsVisible == null) {
        throw new IllegalArgumentException(
            "RandomFlip: sample img_id=" + results.imgId + " has keypoints but no flip_indices or keypoints_visible");
      }
      double[][] visible = new double[results.keypoints.length][];
      results.keypoints =
          KeypointTransforms.flipKeypoints(results.keypoints, results.keypointsVisible, visible, w, h, results.flipIndices, dir);
      results.keypointsVisible = visible;
    }
    return results;
  }
}
