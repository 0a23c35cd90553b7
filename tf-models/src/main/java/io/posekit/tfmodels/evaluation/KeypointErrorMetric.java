package io.posekit.tfmodels.evaluation;

import io.posekit.tfmodels.structures.PoseDataSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * What PCK, AUC, EPE and NME share: per processed instance its predicted and ground-truth
 * keypoints, the visibility mask and the instance's normalisers; keys of the result carry
 * {@code prefix/} when a prefix is set (MMEngine's {@code BaseMetric}).
 */
abstract class KeypointErrorMetric implements Metric {
  /** One ground-truth instance with its prediction. */
  record Entry(double[][] pred, double[][] gt, boolean[] mask, double bboxSize, double headSize, double torsoSize) {}

  private final @Nullable String prefix;
  private final List<Entry> results = new ArrayList<>();

  KeypointErrorMetric(@Nullable String prefix) {
    this.prefix = prefix;
  }

  /** Which normalisers {@link #process} must find: bbox, head and torso sizes. */
  abstract boolean[] needs();

  @Override
  public void process(List<PoseDataSample> dataSamples) {
    boolean[] needs = needs();
    for (PoseDataSample sample : dataSamples) {
      String where = getClass().getSimpleName() + ": sample " + sample.metainfo().getOrDefault("img_path", sample.metainfo().get("img_id"));
      var pred = sample.predInstances();
      var gt = sample.gtInstances();
      if (pred == null) {
        throw new IllegalArgumentException(where + " has no pred_instances");
      }
      if (gt == null || gt.keypoints() == null || gt.keypointsVisible() == null) {
        throw new IllegalArgumentException(where + " has no ground-truth keypoints and keypoints_visible");
      }
      if (pred.keypoints().length != gt.keypoints().length) {
        throw new IllegalArgumentException(
            where + ": " + pred.keypoints().length + " predicted instances for " + gt.keypoints().length
                + " ground-truth instances; these metrics pair them one to one (top-down)");
      }
      for (int i = 0; i < gt.keypoints().length; i++) {
        double[][] g = gt.keypoints()[i];
        double[][] p = pred.keypoints()[i];
        if (p.length != g.length) {
          throw new IllegalArgumentException(where + ": " + p.length + " predicted keypoints, " + g.length + " in the ground truth");
        }
        boolean[] mask = new boolean[g.length];
        for (int j = 0; j < g.length; j++) {
          mask[j] = gt.keypointsVisible()[i][j] != 0;
        }
        double bbox = Double.NaN, head = Double.NaN, torso = Double.NaN;
        if (needs[0]) {
          if (gt.bboxes() == null) {
            throw new IllegalArgumentException(where + ": the ground truth has no bboxes to normalise by (bbox size)");
          }
          double[] b = gt.bboxes()[i];
          bbox = Math.max(b[2] - b[0], b[3] - b[1]);
        }
        if (needs[1]) {
          if (gt.headSize() == null) {
            throw new IllegalArgumentException(where + ": the ground truth has no head_size to normalise by");
          }
          head = gt.headSize()[i];
        }
        if (needs[2]) {
          // MMPose's torso: keypoints 4 and 5 (JHMDB's hips); the prediction's when the ground truth's is under 1 px
          torso = Math.hypot(g[4][0] - g[5][0], g[4][1] - g[5][1]);
          if (torso < 1) {
            torso = Math.hypot(p[4][0] - p[5][0], p[4][1] - p[5][1]);
          }
        }
        results.add(new Entry(p, g, mask, bbox, head, torso));
      }
    }
  }

  @Override
  public final Map<String, Double> computeMetrics() {
    List<Entry> entries = List.copyOf(results);
    results.clear();
    int n = entries.size();
    double[][][] pred = new double[n][][];
    double[][][] gt = new double[n][][];
    boolean[][] mask = new boolean[n][];
    for (int i = 0; i < n; i++) {
      pred[i] = entries.get(i).pred();
      gt[i] = entries.get(i).gt();
      mask[i] = entries.get(i).mask();
    }
    Map<String, Double> raw = compute(entries, pred, gt, mask);
    Map<String, Double> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(prefix == null || prefix.isEmpty() ? k : prefix + "/" + k, v));
    return out;
  }

  abstract Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask);

  /** {@code [N][2]} with both columns the given per-instance size. */
  static double[][] square(List<Entry> entries, java.util.function.ToDoubleFunction<Entry> size) {
    double[][] norm = new double[entries.size()][];
    for (int i = 0; i < norm.length; i++) {
      double s = size.applyAsDouble(entries.get(i));
      norm[i] = new double[] {s, s};
    }
    return norm;
  }
}
