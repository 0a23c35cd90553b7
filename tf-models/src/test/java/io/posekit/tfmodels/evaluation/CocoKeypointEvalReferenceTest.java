package io.posekit.tfmodels.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Compares with numbers from the official evaluation: the expected stats were computed by
 * xtcocotools' {@code COCOeval(gt, gt.loadRes(results), 'keypoints', float32 COCO sigmas,
 * use_area=True)} (numpy 2.4) on these fixture files: 24 synthetic val images, 51 people, 92
 * results with noisy keypoints, duplicates, misses, false positives and many tied scores. On
 * OpenJDK 17 the values agree bit for bit; the tolerance only allows for another JVM's exp().
 */
class CocoKeypointEvalReferenceTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CocoKeypointEvalReferenceTest.class.getResource(name).toURI());
  }

  private static double[] run(String results) throws URISyntaxException {
    CocoAnnotationFile gt = CocoAnnotationFile.load(resource("synthetic_val_gt.json"));
    CocoKeypointEval eval =
        new CocoKeypointEval(gt, KeypointResultsFile.load(resource(results)), DatasetMeta.coco().sigmas(), true);
    eval.evaluate();
    eval.accumulate();
    return eval.summarize();
  }

  @Test
  void resultsWithBoxesMatchXtcocotools() throws Exception {
    double[] expected = {
      0.12360636942450014, 0.24962143273150844, 0.1184276798720596, 0.22686324957608808, -1.0,
      0.3862745098039216, 0.6274509803921569, 0.39215686274509803, 0.3938775510204081, -1.0
    };
    assertArrayEquals(expected, run("synthetic_val_results_bbox.json"), 1e-15);
  }

  @Test
  void resultsWithoutBoxesTakeTheKeypointExtentAsAreaLikeXtcocotools() throws Exception {
    double[] expected = {
      0.12360636942450014, 0.24962143273150844, 0.1184276798720596, 0.21109926633025136, -1.0,
      0.3862745098039216, 0.6274509803921569, 0.39215686274509803, 0.3938775510204081, -1.0
    };
    assertArrayEquals(expected, run("synthetic_val_results.json"), 1e-15);
  }
}
