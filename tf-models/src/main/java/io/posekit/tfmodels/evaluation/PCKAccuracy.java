package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.spi.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * MMPose's {@code PCKAccuracy}: the share of visible keypoints within {@code thr} of the ground
 * truth, distances divided by the instance's box size ({@code norm_item='bbox'}: the longer side
 * of the ground-truth box, key {@code PCK}), head size ({@code 'head'}, {@code PCKh}) or torso
 * size ({@code 'torso'}, the distance of keypoints 4 and 5, {@code tPCK}); {@code norm_item} may
 * list several.
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public class PCKAccuracy extends KeypointErrorMetric {
  private static final List<String> ITEMS = List.of("bbox", "head", "torso");
  final double thr;
  final List<String> normItems;

  public PCKAccuracy(
      @Param(defaultValue = "0.05") double thr,
      @Param(defaultValue = "'bbox'") Object normItem,
      @Param(defaultValue = "None") @Nullable String prefix) {
    super(prefix);
    this.thr = thr;
    List<Object> items = new ArrayList<>();
    if (normItem instanceof String s) {
      items.add(s);
    } else if (normItem instanceof List<?> l) {
      items.addAll(l);
    } else if (normItem instanceof Tuple t) {
      items.addAll(t.asList());
    } else {
      throw new IllegalArgumentException("norm_item must be a string or a list of strings, got " + normItem);
    }
    List<String> names = new ArrayList<>();
    for (Object o : items) {
      if (!(o instanceof String s) || !ITEMS.contains(s)) {
        throw new IllegalArgumentException(
            "The normalized item " + o + " is not supported by PCKAccuracy; use one of 'bbox', 'head', 'torso'");
      }
      names.add(s);
    }
    this.normItems = List.copyOf(names);
  }

  @Override
  boolean[] needs() {
    return new boolean[] {normItems.contains("bbox"), normItems.contains("head"), normItems.contains("torso")};
  }

  /** MMPose's {@code keypoint_pck_accuracy} normalised by one of the per-instance sizes. */
  final KeypointEval.Pck pck(
      List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask, double threshold,
      java.util.function.ToDoubleFunction<Entry> size) {
    return KeypointEval.pckAccuracy(pred, gt, mask, threshold, square(entries, size));
  }

  @Override
  Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (normItems.contains("bbox")) {
      m.put("PCK", KeypointEval.pckAccuracy(pred, gt, mask, thr, square(entries, Entry::bboxSize)).average());
    }
    if (normItems.contains("head")) {
      m.put("PCKh", KeypointEval.pckAccuracy(pred, gt, mask, thr, square(entries, Entry::headSize)).average());
    }
    if (normItems.contains("torso")) {
      m.put("tPCK", KeypointEval.pckAccuracy(pred, gt, mask, thr, square(entries, Entry::torsoSize)).average());
    }
    return m;
  }
}
