package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMPose's {@code JhmdbPCKAccuracy}: PCK on JHMDB's 15 joints per body part (left and right
 * averaged), normalised by the box ({@code 'bbox'}: keys {@code Head PCK} ... {@code PCK}) and/or
 * the torso ({@code 'torso'}: {@code Head tPCK} ... {@code tPCK}).
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public final class JhmdbPCKAccuracy extends PCKAccuracy {
  /** Part names and their (left, right) joints; the head is joint 2 alone. */
  private static final String[] PARTS = {"Sho", "Elb", "Wri", "Hip", "Knee", "Ank"};
  private static final int[][] JOINTS = {{3, 4}, {7, 8}, {11, 12}, {5, 6}, {9, 10}, {13, 14}};

  public JhmdbPCKAccuracy(
      @Param(defaultValue = "0.05") double thr,
      @Param(defaultValue = "'bbox'") Object normItem,
      @Param(defaultValue = "None") @Nullable String prefix) {
    super(thr, normItem, prefix);
  }

  @Override
  Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (normItems.contains("bbox")) {
      table(m, "PCK", pck(entries, pred, gt, mask, thr, Entry::bboxSize));
    }
    if (normItems.contains("torso")) {
      table(m, "tPCK", pck(entries, pred, gt, mask, thr, Entry::torsoSize));
    }
    return m;
  }

  private static void table(Map<String, Double> m, String key, KeypointEval.Pck pck) {
    double[] p = pck.perKeypoint();
    m.put("Head " + key, p[2]);
    for (int i = 0; i < PARTS.length; i++) {
      m.put(PARTS[i] + " " + key, 0.5 * p[JOINTS[i][0]] + 0.5 * p[JOINTS[i][1]]);
    }
    m.put(key, pck.average());
  }
}
