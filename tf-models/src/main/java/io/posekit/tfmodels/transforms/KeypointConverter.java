package io.posekit.tfmodels.transforms;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.spi.Tuple;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MMPose's {@code KeypointConverter}: maps a data set's keypoints onto another layout of
 * {@code num_keypoints}. Each {@code mapping} item is {@code (source, target)}; a pair as source
 * ({@code ((1, 2), 0)}) takes the midpoint of two keypoints, visible only when both are. Targets
 * no item names are zero and invisible. MMPose also stacks a per-keypoint weight (1 on mapped
 * targets) into {@code keypoints_visible}; GenerateTarget splits it off again and no top-down head
 * reads it, so here {@code keypoints_visible} keeps the visibility alone.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class KeypointConverter implements Transform {
  private final int numKeypoints;
  private final int[] source1;
  private final int[] source2;
  private final int[] target;
  private final boolean interpolation;

  public KeypointConverter(int numKeypoints, List<Object> mapping) {
    int n = mapping.size();
    source1 = new int[n];
    source2 = new int[n];
    target = new int[n];
    boolean pairs = false;
    for (int i = 0; i < n; i++) {
      List<?> item = items(mapping.get(i));
      if (item == null || item.size() != 2 || !(item.get(1) instanceof Integer t)) {
        throw new IllegalArgumentException("KeypointConverter.mapping[" + i + "]: expected (source_index, target_index), got "
            + mapping.get(i));
      }
      List<?> src = items(item.get(0));
      if (src != null) {
        if (src.size() != 2 || !(src.get(0) instanceof Integer a) || !(src.get(1) instanceof Integer b)) {
          throw new IllegalArgumentException("KeypointConverter.mapping[" + i + "]: a source pair must be 2 ints, got " + src);
        }
        source1[i] = a;
        source2[i] = b;
        pairs = true;
      } else if (item.get(0) instanceof Integer a) {
        source1[i] = a;
        source2[i] = a;
      } else {
        throw new IllegalArgumentException("KeypointConverter.mapping[" + i + "]: the source must be an int or a pair, got "
            + item.get(0));
      }
      if (t < 0 || t >= numKeypoints) {
        throw new IllegalArgumentException("KeypointConverter.mapping[" + i + "]: target " + t + " is not one of the "
            + numKeypoints + " keypoints");
      }
      target[i] = t;
    }
    this.numKeypoints = numKeypoints;
    this.interpolation = pairs;
  }

  private static List<?> items(Object o) {
    return o instanceof Tuple t ? t.asList() : o instanceof List<?> l ? l : null;
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.keypoints == null) {
      throw new IllegalArgumentException("KeypointConverter: sample img_id=" + results.imgId + " has no keypoints");
    }
    int instances = results.keypoints.length;
    double[][] visibleIn = results.keypointsVisible;
    double[][][] keypoints = new double[instances][numKeypoints][2];
    double[][] visible = new double[instances][numKeypoints];
    for (int n = 0; n < instances; n++) {
      int sourceCount = results.keypoints[n].length;
      for (int i = 0; i < target.length; i++) {
        if (source1[i] >= sourceCount || source2[i] >= sourceCount) {
          throw new IllegalArgumentException("KeypointConverter: source keypoint " + Math.max(source1[i], source2[i])
              + " is not one of the " + sourceCount + " keypoints of sample img_id=" + results.imgId);
        }
        double[] a = results.keypoints[n][source1[i]], b = results.keypoints[n][source2[i]];
        double va = visibleIn == null ? 1 : visibleIn[n][source1[i]];
        double vb = visibleIn == null ? 1 : visibleIn[n][source2[i]];
        // numpy's fancy assignment: a target named twice keeps the last item
        keypoints[n][target[i]] = interpolation ? new double[] {0.5 * (a[0] + b[0]), 0.5 * (a[1] + b[1])} : a.clone();
        visible[n][target[i]] = interpolation ? va * vb : va;
      }
    }
    results.keypoints = keypoints;
    results.keypointsVisible = visible;
    if (interpolation && results.flipIndices != null) {
      results.flipIndices = convertedFlipIndices(results.flipIndices);
    }
    return results;
  }

  /** MMPose's flip indices after interpolation: item i keeps its source's partner when it maps one keypoint. */
  int[] convertedFlipIndices(int[] flipIndices) {
    int[] out = flipIndices.clone(); // MMPose writes into the list it reads, in item order
    for (int i = 0; i < source1.length; i++) {
      int idx = source1[i] == source2[i] ? out[source1[i]] : i;
      out[i] = idx < numKeypoints ? idx : i;
    }
    return java.util.Arrays.copyOf(out, Math.min(out.length, source1.length));
  }
}
