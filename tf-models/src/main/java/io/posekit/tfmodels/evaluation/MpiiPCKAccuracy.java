package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMPose's {@code MpiiPCKAccuracy}: PCKh on MPII's 16 joints as MPII's evaluation reports it.
 * Predictions move by +1 px first (MPII's ground truth is 1-based); the per-part table averages
 * left and right joints; {@code PCK} and {@code PCK@0.1} weight joints by their visible count,
 * leaving out the pelvis and thorax (joints 6 and 7). A joint with no visible instance scores
 * -100 as in MMPose. Only {@code norm_item='head'} yields keys (MMPose's gives none otherwise).
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public final class MpiiPCKAccuracy extends PCKAccuracy {

  public MpiiPCKAccuracy(
      @Param(defaultValue = "0.5") double thr,
      @Param(defaultValue = "'head'") Object normItem,
      @Param(defaultValue = "None") @Nullable String prefix) {
    super(thr, normItem, prefix);
  }

  @Override
  Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (!normItems.contains("head")) {
      return m;
    }
    double[][][] shifted = new double[pred.length][][];
    for (int i = 0; i < pred.length; i++) {
      shifted[i] = new double[pred[i].length][];
      for (int j = 0; j < pred[i].length; j++) {
        shifted[i][j] = new double[] {pred[i][j][0] + 1.0, pred[i][j][1] + 1.0};
      }
    }
    double[] pckh = pck(entries, shifted, gt, mask, thr, Entry::headSize).perKeypoint();
    // np.arange(0, 0.51, 0.01)[10]; MMPose keeps that row in float32
    double[] at01 = pck(entries, shifted, gt, mask, 10 * 0.01, Entry::headSize).perKeypoint();
    int k = pckh.length;
    double[] count = new double[k];
    for (boolean[] row : mask) {
      for (int j = 0; j < k; j++) {
        count[j] += row[j] ? 1 : 0;
      }
    }
    double total = 0;
    for (int j = 0; j < k; j++) {
      total += j == 6 || j == 7 ? 0 : count[j];
    }
    double pck = 0, pck01 = 0;
    for (int j = 0; j < k; j++) {
      if (j != 6 && j != 7) {
        pck += 100.0 * pckh[j] * (count[j] / total);
        pck01 += (double) (float) (100.0 * at01[j]) * (count[j] / total);
      }
    }
    m.put("Head PCK", 100.0 * pckh[9]);
    m.put("Shoulder PCK", 0.5 * (100.0 * pckh[13] + 100.0 * pckh[12]));
    m.put("Elbow PCK", 0.5 * (100.0 * pckh[14] + 100.0 * pckh[11]));
    m.put("Wrist PCK", 0.5 * (100.0 * pckh[15] + 100.0 * pckh[10]));
    m.put("Hip PCK", 0.5 * (100.0 * pckh[3] + 100.0 * pckh[2]));
    m.put("Knee PCK", 0.5 * (100.0 * pckh[4] + 100.0 * pckh[1]));
    m.put("Ankle PCK", 0.5 * (100.0 * pckh[5] + 100.0 * pckh[0]));
    m.put("PCK", pck);
    m.put("PCK@0.1", pck01);
    return m;
  }
}
