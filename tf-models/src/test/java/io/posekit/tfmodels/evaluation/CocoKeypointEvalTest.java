package io.posekit.tfmodels.evaluation;

import static io.posekit.tfmodels.evaluation.EvalFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoKeypointEvalTest {
  private static final double EPS = Math.ulp(1.0);

  @Test
  void thresholdsAreFoundByEquality() {
    assertEquals(10, CocoKeypointEval.IOU_THRS.length);
    assertEquals(0.5, CocoKeypointEval.IOU_THRS[0]);
    assertEquals(0.75, CocoKeypointEval.IOU_THRS[5]);
    assertEquals(0.95, CocoKeypointEval.IOU_THRS[9]);
    assertEquals(101, CocoKeypointEval.REC_THRS.length);
    assertEquals(1.0, CocoKeypointEval.REC_THRS[100]);
  }

  @Test
  void perfectPredictionsScoreOneEverywhere() {
    double[] p1 = person(10, 10), p2 = person(200, 10), p3 = person(50, 200);
    CocoAnnotationFile gt =
        file(2, List.of(ann(1, 1, p1, 2000, 0), ann(2, 1, p2, 20000, 0), ann(3, 2, p3, 5000, 0)));
    List<KeypointResult> dts =
        List.of(
            new KeypointResult(1, 1, asDetection(p1), 0.9, null),
            new KeypointResult(1, 1, asDetection(p2), 0.8, null),
            new KeypointResult(2, 1, asDetection(p3), 0.7, null));
    double[] s = stats(gt, dts);
    for (int i = 0; i < 10; i++) {
      assertEquals(1.0, s[i], 1e-12, CocoMetric.STATS_NAMES.get(i));
    }
  }

  @Test
  void oneMovedKeypointGivesTheOksByHand() {
    double[] g = person(10, 10);
    double[] d = asDetection(g);
    d[0] += 3; // nose moved by (3, 4): squared distance 25
    d[1] += 4;
    CocoAnnotation a = ann(1, 1, g, 1500, 0);
    CocoKeypointEval eval = new CocoKeypointEval(file(1, List.of(a)), List.of(), SIGMAS, true);
    double kappa2 = (2 * 0.026f) * (2 * 0.026f);
    double expected = (16 + Math.exp(-25.0 / (2 * 1500 * kappa2))) / 17;
    assertEquals(expected, eval.oks(a, d), 1e-12);
    assertEquals(oksByHand(g, d, 1500), eval.oks(a, d), 1e-12);
    // 0.026 * 2 squared is 0.002704: e = 25 / 0.002704 / 1500 / 2 = 3.0819..., exp(-e) = 0.04589...
    assertEquals((16 + 0.045888) / 17, eval.oks(a, d), 1e-6);
  }

  @Test
  void apCountsTheThresholdsTheOksClears() {
    double[] g = person(10, 10);
    double[] d = shifted(asDetection(g), 4, 3); // every keypoint 5 px away
    double oks = oksByHand(g, d, 5000);
    assertTrue(oks > 0.75 && oks < 0.8, "fixture OKS " + oks);
    double[] s = stats(file(1, List.of(ann(1, 1, g, 5000, 0))), List.of(new KeypointResult(1, 1, d, 1.0, null)));
    // matched at .50, .55, ..., .75 (6 of 10 thresholds), precision 1 there and 0 elsewhere
    assertEquals(0.6, s[0], 1e-12);
    assertEquals(1.0, s[1], 1e-12);
    assertEquals(1.0, s[2], 1e-12);
    assertEquals(0.6, s[5], 1e-12);
    assertEquals(1.0, s[7], 1e-12);
    // area 5000 is medium: medium equals all, large has no ground truth
    assertEquals(0.6, s[3], 1e-12);
    assertEquals(-1.0, s[4]);
    assertEquals(-1.0, s[9]);
  }

  @Test
  void duplicateDetectionIsAFalsePositive() {
    double[] g1 = person(10, 10), g2 = person(10, 10);
    CocoAnnotationFile gt = file(2, List.of(ann(1, 1, g1, 4000, 0), ann(2, 2, g2, 4000, 0)));
    List<KeypointResult> dts =
        List.of(
            new KeypointResult(1, 1, asDetection(g1), 0.9, null),
            new KeypointResult(1, 1, asDetection(g1), 0.8, null),
            new KeypointResult(2, 1, asDetection(g2), 0.7, null));
    double[] s = stats(gt, dts);
    // ranked TP, FP, TP: recall .5, .5, 1; precision envelope 1, 2/3, 2/3
    double expected = (51 * 1.0 + 50 * (2 / (3 + EPS))) / 101;
    assertEquals(expected, s[0], 1e-12);
    assertEquals(0.834983498349835, s[0], 1e-9);
    assertEquals(1.0, s[5], 1e-12);
  }

  @Test
  void crowdRegionSwallowsDetectionsInsideIt() {
    double[] g = person(10, 10);
    double[] crowdKpts = new double[3 * K]; // a crowd has no keypoints, only its box
    CocoAnnotation crowd =
        new CocoAnnotation(2, 1, 1, new double[] {300, 100, 100, 150}, 12000.0, 1, crowdKpts, 0);
    double[] inCrowd = asDetection(shifted(person(0, 0), 320, 120));
    List<KeypointResult> dts =
        List.of(new KeypointResult(1, 1, inCrowd, 0.95, null), new KeypointResult(1, 1, asDetection(g), 0.5, null));
    double[] withCrowd = stats(file(1, List.of(ann(1, 1, g, 4000, 0), crowd)), dts);
    assertEquals(1.0, withCrowd[0], 1e-12);
    // without the crowd region the same detection is a false positive ranked first
    double[] without = stats(file(1, List.of(ann(1, 1, g, 4000, 0))), dts);
    assertEquals(0.5 / (1 + EPS), without[0], 1e-12);
  }

  @Test
  void groundTruthWithoutKeypointsIsIgnored() {
    double[] g = person(10, 10);
    double[] none = new double[3 * K];
    CocoAnnotation empty = new CocoAnnotation(2, 1, 1, new double[] {300, 100, 100, 150}, 12000.0, 0, none, 0);
    double[] s = stats(file(1, List.of(ann(1, 1, g, 4000, 0), empty)), List.of(new KeypointResult(1, 1, asDetection(g), 0.5, null)));
    assertEquals(1.0, s[0], 1e-12);
    assertEquals(1.0, s[5], 1e-12);
  }

  @Test
  void tiesInScoreKeepImageOrder() {
    double[] g1 = person(10, 10), g2 = person(10, 10);
    List<CocoAnnotation> anns = List.of(ann(1, 1, g1, 4000, 0), ann(2, 2, g2, 4000, 0));
    double[] far = asDetection(person(400, 300));
    // image 1 gets the miss, image 2 the hit, both with score 0.5: the miss ranks first
    double[] missFirst =
        stats(file(2, anns), List.of(new KeypointResult(2, 1, asDetection(g2), 0.5, null), new KeypointResult(1, 1, far, 0.5, null)));
    assertEquals(51 * (1 / (2 + EPS)) / 101, missFirst[0], 1e-12);
    double[] hitFirst =
        stats(file(2, anns), List.of(new KeypointResult(1, 1, asDetection(g1), 0.5, null), new KeypointResult(2, 1, far, 0.5, null)));
    assertEquals(51.0 / 101, hitFirst[0], 1e-12);
    assertEquals(0.5, hitFirst[5], 1e-12);
  }

  @Test
  void areaRangesIgnoreWhatLiesOutside() {
    double[] medium = person(10, 10), large = person(300, 10);
    CocoAnnotationFile gt = file(1, List.of(ann(1, 1, medium, 2000, 0), ann(2, 1, large, 20000, 0)));
    // a tiny false positive (keypoint extent 4 x 4 -> area 16, "small") with the best score
    double[] tiny = new double[3 * K];
    for (int i = 0; i < K; i++) {
      tiny[3 * i] = 200 + (i % 2) * 4;
      tiny[3 * i + 1] = 400 + (i % 3 == 0 ? 4 : 0);
      tiny[3 * i + 2] = 1;
    }
    List<KeypointResult> dts =
        List.of(
            new KeypointResult(1, 1, tiny, 0.99, null),
            new KeypointResult(1, 1, asDetection(medium), 0.8, null),
            new KeypointResult(1, 1, asDetection(large), 0.7, null));
    double[] s = stats(gt, dts);
    assertEquals(2 / (3 + EPS), s[0], 1e-12); // FP, TP, TP: envelope 2/3 at every recall point
    assertEquals(1.0, s[3], 1e-12); // medium: the tiny FP and the large match are ignored
    assertEquals(1.0, s[4], 1e-12);
    assertEquals(1.0, s[5], 1e-12);
    assertEquals(1.0, s[8], 1e-12);
    assertEquals(1.0, s[9], 1e-12);
  }

  @Test
  void onlyTwentyDetectionsPerImageCount() {
    double[] g = person(10, 10);
    List<KeypointResult> dts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      dts.add(new KeypointResult(1, 1, asDetection(person(300 + i, 300)), 0.9, null));
    }
    dts.add(new KeypointResult(1, 1, asDetection(g), 0.1, null));
    double[] s = stats(file(1, List.of(ann(1, 1, g, 4000, 0))), dts);
    assertEquals(0.0, s[0]);
    assertEquals(0.0, s[5]);
    // with 19 misses the hit is the 20th and counts
    double[] s19 = stats(file(1, List.of(ann(1, 1, g, 4000, 0))), dts.subList(1, 21));
    assertEquals(1.0, s19[5], 1e-12);
  }

  @Test
  void resultsWithBoxesTakeTheirAreaFromTheBox() {
    double[] g = person(10, 10);
    // the box area 500 is below the medium range, so the matched detection is still counted
    // (matched detections are never ignored for their own area) but an unmatched one is not
    double[] far = asDetection(person(300, 300));
    List<KeypointResult> dts =
        List.of(
            new KeypointResult(1, 1, far, 0.9, new double[] {300, 300, 10, 50}),
            new KeypointResult(1, 1, asDetection(g), 0.5, new double[] {10, 10, 40, 100}));
    double[] s = stats(file(1, List.of(ann(1, 1, g, 4000, 0))), dts);
    assertEquals(0.5 / (1 + EPS), s[0], 1e-12); // "all": the far one is a false positive
    assertEquals(1.0, s[3], 1e-12); // "medium": the far one's box area 500 is outside, ignored
  }

  @Test
  void resultOnUnknownImageIsAnError() {
    double[] g = person(10, 10);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> stats(file(1, List.of(ann(1, 1, g, 4000, 0))), List.of(new KeypointResult(7, 1, asDetection(g), 1, null))));
    assertTrue(e.getMessage().contains("image_id 7"), e.getMessage());
  }
}
