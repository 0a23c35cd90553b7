package io.posekit.tfmodels.evaluation;

/**
 * The keypoint error measures of MMPose's {@code functional/keypoint_eval.py}: normalised
 * distances, PCK, AUC, NME and EPE over {@code N} instances of {@code K} keypoints. Distances are
 * float32 as MMPose keeps them; a masked-out keypoint (or an instance whose normaliser has a zero)
 * has distance -1 and counts nowhere.
 */
public final class KeypointEval {
  private KeypointEval() {}

  /** The result of {@link #pckAccuracy}: per keypoint (-1 where no keypoint counts), their mean, how many count. */
  public record Pck(double[] perKeypoint, double average, int validKeypoints) {}

  /**
   * {@code [K][N]} distances {@code |pred - gt| / norm}, -1 where {@code mask} is false or the
   * instance's normaliser has a zero; a negative normaliser component counts as 1e6.
   */
  public static float[][] distances(double[][][] pred, double[][][] gt, boolean[][] mask, double[][] norm) {
    int n = pred.length;
    int k = n == 0 ? 0 : pred[0].length;
    float[][] d = new float[k][n];
    for (int i = 0; i < n; i++) {
      boolean zero = false;
      for (double v : norm[i]) {
        zero |= v == 0;
      }
      for (int j = 0; j < k; j++) {
        if (zero || !mask[i][j]) {
          d[j][i] = -1f;
          continue;
        }
        double sum = 0;
        for (int c = 0; c < pred[i][j].length; c++) {
          double f = norm[i][c] <= 0 ? 1e6 : norm[i][c];
          double e = (pred[i][j][c] - gt[i][j][c]) / f;
          sum += e * e;
        }
        d[j][i] = (float) Math.sqrt(sum);
      }
    }
    return d;
  }

  /** The share of valid distances below {@code thr}, or -1 when none is valid. */
  public static double distanceAccuracy(float[] distances, double thr) {
    int valid = 0, below = 0;
    for (float v : distances) {
      if (v != -1f) {
        valid++;
        if (v < thr) {
          below++;
        }
      }
    }
    return valid > 0 ? (double) below / valid : -1;
  }

  /** PCK at {@code thr} with per-instance normalisers {@code norm [N][2]}. */
  public static Pck pckAccuracy(double[][][] pred, double[][][] gt, boolean[][] mask, double thr, double[][] norm) {
    float[][] d = distances(pred, gt, mask, norm);
    double[] acc = new double[d.length];
    double sum = 0;
    int cnt = 0;
    for (int j = 0; j < d.length; j++) {
      acc[j] = distanceAccuracy(d[j], thr);
      if (acc[j] >= 0) {
        sum += acc[j];
        cnt++;
      }
    }
    return new Pck(acc, cnt > 0 ? sum / cnt : 0.0, cnt);
  }

  /** The area under the PCK curve over thresholds {@code 0, 1/numThrs, ...}, distances divided by {@code normFactor}. */
  public static double auc(double[][][] pred, double[][][] gt, boolean[][] mask, double normFactor, int numThrs) {
    double[][] norm = new double[pred.length][];
    for (int i = 0; i < norm.length; i++) {
      norm[i] = new double[] {normFactor, normFactor};
    }
    double auc = 0;
    for (int t = 0; t < numThrs; t++) {
      double thr = (double) t / numThrs;
      auc += 1.0 / numThrs * pckAccuracy(pred, gt, mask, thr, norm).average();
    }
    return auc;
  }

  /** The mean normalised distance over the valid keypoints (0 when none is). */
  public static double nme(double[][][] pred, double[][][] gt, boolean[][] mask, double[][] norm) {
    float[][] d = distances(pred, gt, mask, norm);
    double sum = 0; // numpy sums the float32 distances in float32 pairwise; double is at least as exact
    int valid = 0;
    for (float[] row : d) {
      for (float v : row) {
        if (v != -1f) {
          sum += v;
          valid++;
        }
      }
    }
    return sum / Math.max(1, valid);
  }

  /** The mean end-point error (pixels) over the valid keypoints. */
  public static double epe(double[][][] pred, double[][][] gt, boolean[][] mask) {
    double[][] ones = new double[pred.length][];
    for (int i = 0; i < ones.length; i++) {
      ones[i] = new double[] {1, 1};
    }
    return nme(pred, gt, mask, ones);
  }
}
