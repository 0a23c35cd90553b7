package io.posekit.tfmodels.evaluation;

import static io.posekit.tfmodels.evaluation.EvalFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseDataSample.GtInstances;
import io.posekit.tfmodels.structures.PoseDataSample.PredInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoMetricTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private final double[] g1 = person(10, 10), g2 = person(200, 10), g3 = person(40, 150);
  private final List<CocoAnnotation> anns =
      List.of(ann(11, 1, g1, 4000, 0), ann(12, 1, g2, 20000, 0), ann(13, 2, g3, 4000, 0));

  private Path writeGt() throws Exception {
    List<Map<String, Object>> annotations = new ArrayList<>();
    for (CocoAnnotation a : anns) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("image_id", a.imageId());
      m.put("category_id", 1);
      m.put("bbox", a.bbox());
      m.put("area", a.area());
      m.put("iscrowd", 0);
      m.put("keypoints", a.keypoints());
      m.put("num_keypoints", a.numKeypoints());
      annotations.add(m);
    }
    Map<String, Object> root =
        Map.of(
            "images",
                List.of(
                    Map.of("id", 1, "file_name", "1.jpg", "width", 640, "height", 480),
                    Map.of("id", 2, "file_name", "2.jpg", "width", 640, "height", 480)),
            "annotations", annotations,
            "categories", List.of(Map.of("id", 1, "name", "person", "supercategory", "person")));
    Path file = dir.resolve("gt.json");
    json.writeValue(file.toFile(), root);
    return file;
  }

  private static PoseDataSample sample(long id, long imgId, double[] flat, double kptScore, double bboxScore) {
    double[][][] k = new double[1][K][2];
    double[][] s = new double[1][K];
    for (int i = 0; i < K; i++) {
      k[0][i][0] = flat[3 * i];
      k[0][i][1] = flat[3 * i + 1];
      s[0][i] = kptScore;
    }
    return new PoseDataSample(
        Map.of("id", id, "img_id", imgId, "category_id", 1, "ori_shape", new int[] {480, 640}),
        new GtInstances(null, new double[] {bboxScore}, new double[][] {{50, 125}}, null, null),
        new PredInstances(k, s, null, null));
  }

  private static PoseDataSample withRawAnn(PoseDataSample s, CocoAnnotation ann) {
    Map<String, Object> meta = new LinkedHashMap<>(s.metainfo());
    meta.put("raw_ann_info", ann);
    return new PoseDataSample(meta, s.gtInstances(), s.predInstances());
  }

  private CocoMetric metric(String annFile, NmsMode nms, String prefix) {
    return new CocoMetric(
        annFile, true, "keypoints", ScoreMode.BBOX_KEYPOINT, 0.2, nms, 0.9, false,
        dir.resolve("out/result").toString(), prefix, DatasetMeta.coco());
  }

  @Test
  void perfectPredictionsGiveOneForEveryKey() throws Exception {
    CocoMetric m = metric(writeGt().toString(), NmsMode.OKS_NMS, null);
    m.process(List.of(sample(11, 1, g1, 0.9, 1.0), sample(12, 1, g2, 0.9, 1.0)));
    m.process(List.of(sample(13, 2, g3, 0.9, 1.0)));
    Map<String, Double> out = m.computeMetrics();
    assertEquals(
        List.of("coco/AP", "coco/AP .5", "coco/AP .75", "coco/AP (M)", "coco/AP (L)", "coco/AR", "coco/AR .5",
            "coco/AR .75", "coco/AR (M)", "coco/AR (L)"),
        new ArrayList<>(out.keySet()));
    for (double v : out.values()) {
      assertEquals(1.0, v, 1e-12);
    }
    assertTrue(Files.exists(dir.resolve("out/result.keypoints.json")));
  }

  @Test
  void bboxKeypointScoreUsesOnlyConfidentKeypoints() throws Exception {
    CocoMetric m = metric(writeGt().toString(), NmsMode.NONE, null);
    PoseDataSample s = sample(13, 2, g3, 0.9, 0.8);
    for (int i = 9; i < K; i++) {
      s.predInstances().keypointScores()[0][i] = 0.1; // below keypoint_score_thr: not averaged
    }
    m.process(List.of(s));
    m.computeMetrics();
    JsonNode results = json.readTree(dir.resolve("out/result.keypoints.json").toFile());
    assertEquals(1, results.size());
    JsonNode r = results.get(0);
    assertEquals(0.72, r.get("score").asDouble(), 1e-6); // 0.8 * mean of nine 0.9s
    assertEquals(2, r.get("image_id").asInt());
    assertEquals(3 * K, r.get("keypoints").size());
    assertEquals(0.1, r.get("keypoints").get(3 * K - 1).asDouble(), 1e-12);
    List<String> keys = new ArrayList<>();
    r.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("category_id", "image_id", "keypoints", "score"), keys);
  }

  @Test
  void oksNmsRemovesTheDuplicateFromTheResultFile() throws Exception {
    Path gt = writeGt();
    List<PoseDataSample> batch =
        List.of(sample(13, 2, g3, 0.9, 1.0), sample(14, 2, shifted(g3, 0.5, 0), 0.9, 0.9));
    CocoMetric withNms = metric(gt.toString(), NmsMode.OKS_NMS, null);
    withNms.process(batch);
    withNms.computeMetrics();
    assertEquals(1, json.readTree(dir.resolve("out/result.keypoints.json").toFile()).size());
    CocoMetric without = metric(gt.toString(), NmsMode.NONE, null);
    without.process(batch);
    without.computeMetrics();
    assertEquals(2, json.readTree(dir.resolve("out/result.keypoints.json").toFile()).size());
  }

  @Test
  void sameIdTwiceIsCountedOnce() throws Exception {
    CocoMetric m = metric(writeGt().toString(), NmsMode.NONE, null);
    m.process(List.of(sample(13, 2, g3, 0.9, 1.0), sample(13, 2, person(300, 300), 0.9, 1.0)));
    m.computeMetrics();
    JsonNode results = json.readTree(dir.resolve("out/result.keypoints.json").toFile());
    assertEquals(1, results.size());
    assertEquals(g3[0], results.get(0).get("keypoints").get(0).asDouble());
  }

  @Test
  void withoutAnnFileTheGroundTruthComesFromTheSamples() {
    CocoMetric m = metric(null, NmsMode.OKS_NMS, "val");
    // top-down: each sample carries its own instance's annotation (MMPose does not de-duplicate them)
    PoseDataSample a = sample(11, 1, g1, 0.9, 1.0), b = sample(12, 1, g2, 0.9, 1.0);
    // a miss on image 2 with the best score
    PoseDataSample c = sample(13, 2, person(400, 300), 0.9, 1.0);
    m.process(
        List.of(
            withRawAnn(a, anns.get(0)), withRawAnn(b, anns.get(1)), withRawAnn(c, anns.get(2))));
    Map<String, Double> out = m.computeMetrics();
    // all three score 0.9 (ties): image order puts the two hits first, the miss last; 2 of 3 gts found
    assertEquals(2.0 / 3, out.get("val/AR"), 1e-12);
    assertEquals(67.0 / 101, out.get("val/AP"), 1e-12);
    assertTrue(Files.exists(dir.resolve("out/result.gt.json")));
  }

  @Test
  void annFileIsReadWhenTheMetricFirstComputes() throws Exception {
    Path gt = dir.resolve("later/gt.json");
    CocoMetric m = metric(gt.toString(), NmsMode.OKS_NMS, null); // builds without its data, as `check` builds it
    m.process(List.of(sample(11, 1, g1, 0.9, 1.0), sample(12, 1, g2, 0.9, 1.0), sample(13, 2, g3, 0.9, 1.0)));
    Exception missing = assertThrows(RuntimeException.class, m::computeMetrics);
    assertTrue(missing.getMessage().contains(gt.toString()), missing.getMessage());
    Files.createDirectories(gt.getParent());
    Files.copy(writeGt(), gt);
    assertEquals(1.0, m.computeMetrics().get("coco/AP"), 1e-12);
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CocoMetric(null, true, "keypoints_crowd", ScoreMode.BBOX, 0.2, NmsMode.NONE, 0.9, false, null, null, DatasetMeta.coco()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CocoMetric(null, true, "keypoints", ScoreMode.BBOX, 0.2, NmsMode.NONE, 0.9, true, null, null, DatasetMeta.coco()));
  }
}
