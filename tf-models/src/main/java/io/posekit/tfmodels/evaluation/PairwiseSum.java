package io.posekit.tfmodels.evaluation;

/**
 * Sums doubles in the order {@code numpy.sum} does on a contiguous float64 array (numpy's pairwise
 * summation with eight partial sums per block of up to 128), so that OKS values and the summary
 * means agree with COCOeval to the last bit; checked against xtcocotools in
 * CocoKeypointEvalReferenceTest, where a first-element-then-pairwise order was one ulp off.
 */
final class PairwiseSum {
  private static final int BLOCK = 128;

  private PairwiseSum() {}

  static double sum(double[] a, int n) {
    return pairwise(a, 0, n);
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else if (n <= BLOCK) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = a[from + j];
      }
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[from + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }
  }
}
