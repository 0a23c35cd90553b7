package io.posekit.tfmodels.evaluation;

import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import io.posekit.tfmodels.structures.CocoCategory;
import io.posekit.tfmodels.structures.CocoImageInfo;
import java.util.ArrayList;
import java.util.List;

/** Hand-built ground truths and detections for the evaluation tests. */
final class EvalFixtures {
  static final float[] SIGMAS = DatasetMeta.coco().sigmas();
  static final int K = 17;

  private EvalFixtures() {}

  /** 17 labelled (v=2) keypoints spread over a 40 x 100 box whose corner is (x0, y0). */
  static double[] person(double x0, double y0) {
    double[] k = new double[3 * K];
    for (int i = 0; i < K; i++) {
      k[3 * i] = x0 + 5 + (i % 4) * 10;
      k[3 * i + 1] = y0 + 2 + i * 6;
      k[3 * i + 2] = 2;
    }
    return k;
  }

  /** A detection result: gt coordinates with score 1 in the third slot of each keypoint. */
  static double[] asDetection(double[] gt) {
    double[] d = gt.clone();
    for (int i = 2; i < d.length; i += 3) {
      d[i] = 1.0;
    }
    return d;
  }

  static double[] shifted(double[] keypoints, double dx, double dy) {
    double[] d = keypoints.clone();
    for (int i = 0; i < d.length; i += 3) {
      d[i] += dx;
      d[i + 1] += dy;
    }
    return d;
  }

  static CocoAnnotation ann(long id, long imageId, double[] keypoints, double area, int iscrowd) {
    double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (int i = 0; i < keypoints.length; i += 3) {
      if (keypoints[i + 2] > 0) {
        minX = Math.min(minX, keypoints[i]);
        maxX = Math.max(maxX, keypoints[i]);
        minY = Math.min(minY, keypoints[i + 1]);
        maxY = Math.max(maxY, keypoints[i + 1]);
      }
    }
    double[] bbox =
        minX == Double.MAX_VALUE ? new double[] {0, 0, 10, 10} : new double[] {minX - 5, minY - 2, maxX - minX + 10, maxY - minY + 4};
    return new CocoAnnotation(id, imageId, 1, bbox, area, iscrowd, keypoints, CocoAnnotation.countLabelled(keypoints));
  }

  static CocoAnnotationFile file(int numImages, List<CocoAnnotation> anns) {
    List<CocoImageInfo> images = new ArrayList<>();
    for (int i = 1; i <= numImages; i++) {
      images.add(new CocoImageInfo(i, i + ".jpg", 640, 480));
    }
    return new CocoAnnotationFile(
        "test-gt", images, anns, List.of(new CocoCategory(1, "person", "person", List.of(), List.of())));
  }

  static double[] stats(CocoAnnotationFile gt, List<KeypointResult> dts) {
    CocoKeypointEval eval = new CocoKeypointEval(gt, dts, SIGMAS, true);
    eval.evaluate();
    eval.accumulate();
    return eval.summarize();
  }

  /** OKS of one detection to one gt, written out independently of the evaluator. */
  static double oksByHand(double[] gt, double[] dt, double area) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < K; i++) {
      if (gt[3 * i + 2] <= 0) {
        continue;
      }
      double d2 = Math.pow(dt[3 * i] - gt[3 * i], 2) + Math.pow(dt[3 * i + 1] - gt[3 * i + 1], 2);
      float twiceSigma = 2 * SIGMAS[i];
      double kappa2 = twiceSigma * twiceSigma; // float32, as numpy squares MMPose's float32 sigmas
      sum += Math.exp(-d2 / (2 * area * kappa2));
      n++;
    }
    return sum / n;
  }
}
