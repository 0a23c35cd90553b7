package io.posekit.tfmodels.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseDataSample.GtInstances;
import io.posekit.tfmodels.structures.PoseDataSample.PredInstances;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the numbers in the comments are worked out from the coordinates. */
class KeypointErrorMetricsTest {
  private static PoseDataSample sample(
      double[][] gt, double[][] pred, double[] visible, double[] bbox, double headSize) {
    GtInstances g =
        new GtInstances(new double[][] {bbox}, null, null, new double[][][] {gt}, new double[][] {visible},
            new double[] {headSize});
    PredInstances p = new PredInstances(new double[][][] {pred}, new double[1][pred.length], null, null);
    return new PoseDataSample(Map.of("img_id", 1L), g, p);
  }

  /**
   * A: gt (0,0) (10,0) (0,10), pred off by 5, 0, 20 px; box 100 x 50, head 50.
   * B: gt all (0,0), pred off by 10, 1 px, third keypoint invisible; box 20 x 40, head 20.
   */
  private static List<PoseDataSample> twoInstances() {
    return List.of(
        sample(new double[][] {{0, 0}, {10, 0}, {0, 10}}, new double[][] {{3, 4}, {10, 0}, {0, 30}},
            new double[] {1, 1, 1}, new double[] {0, 0, 100, 50}, 50),
        sample(new double[][] {{0, 0}, {0, 0}, {0, 0}}, new double[][] {{6, 8}, {1, 0}, {0, 0}},
            new double[] {2, 1, 0}, new double[] {5, 5, 25, 45}, 20));
  }

  private static Map<String, Double> run(Metric m) {
    m.process(twoInstances());
    return m.computeMetrics();
  }

  @Test
  void pckByBoxAndHead() {
    // by box (100, 40): A 0.05 0 0.2, B 0.25 0.025 -; at 0.1: kp0 1/2, kp1 2/2, kp2 0/1 -> 0.5
    assertEquals(0.5, run(new PCKAccuracy(0.1, "bbox", null)).get("PCK"), 1e-12);
    // at 0.3 everything valid but B's kp0 (0.25 < 0.3 too): all -> 1.0
    assertEquals(1.0, run(new PCKAccuracy(0.3, "bbox", null)).get("PCK"), 1e-12);
    // by head (50, 20): A 0.1 0 0.4, B 0.5 0.05; at 0.2: kp0 1/2, kp1 1, kp2 0 -> 0.5; both keys with a prefix
    Map<String, Double> both = run(new PCKAccuracy(0.2, List.of("bbox", "head"), "val"));
    assertEquals(Map.of("val/PCK", 0.5, "val/PCKh", 0.5), both);
  }

  @Test
  void pckByTorsoFallsBackToThePrediction() {
    double[][] gt = new double[6][2];
    gt[5] = new double[] {3, 4}; // torso = |kp4 - kp5| = 5
    double[][] pred = new double[6][];
    for (int i = 0; i < 6; i++) {
      pred[i] = new double[] {gt[i][0] + 1, gt[i][1]}; // every keypoint 1 px off: 0.2 torso
    }
    double[] vis = {1, 1, 1, 1, 1, 1};
    PCKAccuracy m = new PCKAccuracy(0.3, "torso", null);
    m.process(List.of(sample(gt, pred, vis, new double[] {0, 0, 1, 1}, 1)));
    assertEquals(1.0, m.computeMetrics().get("tPCK"));
    m.process(List.of(sample(gt, pred, vis, new double[] {0, 0, 1, 1}, 1)));
    assertEquals(0.0, new PCKAccuracy(0.1, "torso", null).computeMetrics().getOrDefault("tPCK", 0.0));
    // ground-truth torso 0 -> the prediction's: kp4 (1,0), kp5 (1,10) -> 10; kp5 off by |(1,10)| = 10.05 -> 1.005
    double[][] flat = new double[6][2];
    double[][] p2 = new double[6][];
    for (int i = 0; i < 6; i++) {
      p2[i] = new double[] {1, 0};
    }
    p2[5] = new double[] {1, 10};
    PCKAccuracy t = new PCKAccuracy(0.2, "torso", null);
    t.process(List.of(sample(flat, p2, vis, new double[] {0, 0, 1, 1}, 1)));
    assertEquals(5.0 / 6.0, t.computeMetrics().get("tPCK"), 1e-12);
  }

  @Test
  void aucOverFourThresholds() {
    // /10: A 0.5 0 2.0, B 1.0 0.1 -; thr 0: 0; 0.25: kp1 only -> 1/3; 0.5: 1/3 (0.5 is not < 0.5);
    // 0.75: kp0 1/2, kp1 1, kp2 0 -> 1/2; AUC = (0 + 1/3 + 1/3 + 1/2) / 4 = 7/24
    assertEquals(7.0 / 24.0, run(new AUC(10, 4, null)).get("AUC"), 1e-12);
  }

  @Test
  void epeIsTheMeanPixelError() {
    // 5, 0, 20, 10, 1 over 5 visible keypoints
    assertEquals(7.2, run(new EPE(null)).get("EPE"), 1e-6);
  }

  @Test
  void nmeByBoxAndByKeypointDistance() {
    DatasetMeta coco = DatasetMeta.coco();
    // 0.05 + 0 + 0.2 + 0.25 + 0.025 over 5
    assertEquals(0.105, run(new NME("use_norm_item", "bbox_size", null, null, coco)).get("NME"), 1e-7);
    // A: |gt1 - gt2| = sqrt(200); B: 0 -> B does not count; (5 + 0 + 20) / sqrt(200) / 3
    assertEquals(
        25 / Math.sqrt(200) / 3, run(new NME("keypoint_distance", null, List.of(1, 2), null, coco)).get("NME"), 1e-6);
    IllegalArgumentException noPair =
        assertThrows(IllegalArgumentException.class, () -> new NME("keypoint_distance", null, null, null, coco));
    assertTrue(noPair.getMessage().contains("'coco' has no default pair"), noPair.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NME("use_norm_item", null, null, null, coco));
    assertThrows(IllegalArgumentException.class, () -> new NME("whatever", null, null, null, coco));
  }

  @Test
  void registeredAndBuiltFromTheirConfigs() {
    Metric pck =
        PCKAccuracyConfig.builder().thr(0.1).build().build(BuildContext.empty());
    pck.process(twoInstances());
    assertEquals(Map.of("PCK", 0.5), pck.computeMetrics());
    Metric nme =
        NMEConfig.builder().normMode("use_norm_item").normItem("bbox_size").build()
            .build(BuildContext.of(Map.of("dataset_meta", DatasetMeta.coco())));
    nme.process(twoInstances());
    assertEquals(0.105, nme.computeMetrics().get("NME"), 1e-7);
    assertEquals("AUC", AUCConfig.builder().build().toMap().get("type"));
    assertThrows(IllegalArgumentException.class, () -> new PCKAccuracy(0.1, "elbow", null));
  }

  @Test
  void missingGroundTruthIsNamed() {
    PCKAccuracy m = new PCKAccuracy(0.1, "head", null);
    GtInstances g = new GtInstances(null, null, null, new double[][][] {{{0, 0}}}, new double[][] {{1}});
    PredInstances p = new PredInstances(new double[][][] {{{0, 0}}}, new double[][] {{1}}, null, null);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.process(List.of(new PoseDataSample(Map.of("img_path", "a/b.jpg"), g, p))));
    assertTrue(e.getMessage().contains("a/b.jpg") && e.getMessage().contains("head_size"), e.getMessage());
  }
}
