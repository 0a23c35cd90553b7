package io.posekit.tfmodels.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Non-maximum suppression of pose instances by object keypoint similarity, as MMPose's
 * {@code oks_nms} and {@code soft_oks_nms}. Instances are given as flat {@code [x, y, score, ...]}
 * keypoints, an area and a score; the OKS here averages the two areas (unlike COCOeval, which uses
 * the ground truth's) and runs on all keypoints.
 */
public final class OksNms {
  private OksNms() {}

  /** OKS between instance {@code g} and each of {@code others}, float32 like MMPose's {@code oks_iou}. */
  static float[] oksIou(double[] g, double areaG, double[][] others, double[] areasOthers, float[] sigmas) {
    float[] out = new float[others.length];
    int k = sigmas.length;
    double[] terms = new double[k];
    for (int n = 0; n < others.length; n++) {
      double[] d = others[n];
      for (int p = 0; p < k; p++) {
        float twice = sigmas[p] * 2f;
        double var = twice * twice;
        double dx = d[3 * p] - g[3 * p];
        double dy = d[3 * p + 1] - g[3 * p + 1];
        double e = (dx * dx + dy * dy) / var / ((areaG + areasOthers[n]) / 2 + Math.ulp(1.0)) / 2;
        terms[p] = Math.exp(-e);
      }
      out[n] = (float) (PairwiseSum.sum(terms, k) / k);
    }
    return out;
  }

  /**
   * numpy's {@code scores.argsort()[::-1]}: descending; numpy sorts short arrays stably, so among
   * equal scores the later instance comes first.
   */
  static int[] descendingOrder(double[] scores) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = idx[idx.length - 1 - i];
    }
    return out;
  }

  /** Greedy OKS NMS: keeps the best instance, drops those with OKS above {@code thr} to it, repeats. */
  public static List<Integer> oksNms(double[][] keypoints, double[] areas, double[] scores, double thr, float[] sigmas) {
    List<Integer> keep = new ArrayList<>();
    int[] order = descendingOrder(scores);
    float thrF = (float) thr; // numpy compares the float32 OKS with the threshold in float32
    while (order.length > 0) {
      int i = order[0];
      keep.add(i);
      int[] rest = Arrays.copyOfRange(order, 1, order.length);
      float[] ovr = oksIou(keypoints[i], areas[i], select(keypoints, rest), select(areas, rest), sigmas);
      int[] next = new int[rest.length];
      int n = 0;
      for (int j = 0; j < rest.length; j++) {
        if (ovr[j] <= thrF) {
          next[n++] = rest[j];
        }
      }
      order = Arrays.copyOf(next, n);
    }
    return keep;
  }

  /**
   * Soft OKS NMS: instead of dropping overlapping instances, lowers their scores by
   * {@code exp(-oks² / thr)} and re-ranks; keeps at most {@code maxDets} (MMPose: 20).
   */
  public static List<Integer> softOksNms(
      double[][] keypoints, double[] areas, double[] scores, double thr, int maxDets, float[] sigmas) {
    int[] order = descendingOrder(scores);
    double[] sorted = new double[order.length];
    for (int j = 0; j < order.length; j++) {
      sorted[j] = scores[order[j]];
    }
    List<Integer> keep = new ArrayList<>();
    float thrF = (float) thr;
    while (order.length > 0 && keep.size() < maxDets) {
      int i = order[0];
      int[] rest = Arrays.copyOfRange(order, 1, order.length);
      float[] ovr = oksIou(keypoints[i], areas[i], select(keypoints, rest), select(areas, rest), sigmas);
      double[] restScores = new double[rest.length];
      for (int j = 0; j < rest.length; j++) {
        float o = ovr[j];
        float factor = (float) Math.exp(-(o * o) / thrF); // gaussian rescoring, float32 as in numpy
        restScores[j] = sorted[j + 1] * factor;
      }
      int[] tmp = descendingOrder(restScores);
      order = new int[rest.length];
      sorted = new double[rest.length];
      for (int j = 0; j < tmp.length; j++) {
        order[j] = rest[tmp[j]];
        sorted[j] = restScores[tmp[j]];
      }
      keep.add(i);
    }
    return keep;
  }

  private static double[][] select(double[][] a, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }

  private static double[] select(double[] a, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }
}
