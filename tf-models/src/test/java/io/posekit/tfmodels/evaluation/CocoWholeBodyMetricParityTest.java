package io.posekit.tfmodels.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.datasets.MetaInfo;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseDataSample.GtInstances;
import io.posekit.tfmodels.structures.PoseDataSample.PredInstances;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CocoWholeBodyMetric against MMPose's on generated predictions ({@code parity/gen_wholebody_parity.py}):
 * the whole-body stats MMPose returns, each part's stats as xtcocotools computes them on MMPose's
 * results file, and that results file itself (parts split, same instances kept), to 1e-9.
 */
class CocoWholeBodyMetricParityTest {
  private static final Path DIR = Path.of("src/test/resources/io/posekit/tfmodels/evaluation/parity");
  private static final String[] IOU_TYPES = {"keypoints_body", "keypoints_foot", "keypoints_face", "keypoints_lefthand", "keypoints_righthand"};
  private static final String[] PARTS = {"body", "foot", "face", "lefthand", "righthand"};
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void equalsMmposes() throws Exception {
    JsonNode ref = json.readTree(DIR.resolve("wholebody_metric.json").toFile());
    CocoWholeBodyMetric metric =
        new CocoWholeBodyMetric(DIR.resolve("wholebody_gt.json").toString(), true, "keypoints", ScoreMode.BBOX_KEYPOINT,
            0.2, NmsMode.OKS_NMS, 0.9, false, tmp.resolve("res").toString(), null, MetaInfo.builtIn("coco_wholebody.py"));
    List<PoseDataSample> samples = new ArrayList<>();
    for (JsonNode s : ref.get("samples")) {
      JsonNode g = s.get("gt_instances");
      JsonNode p = s.get("pred_instances");
      samples.add(new PoseDataSample(
          Map.of("id", s.get("id").asLong(), "img_id", s.get("img_id").asLong(), "category_id", 1),
          new GtInstances(null, json.convertValue(g.get("bbox_scores"), double[].class),
              json.convertValue(g.get("bbox_scales"), double[][].class), null, null),
          new PredInstances(json.convertValue(p.get("keypoints"), double[][][].class),
              json.convertValue(p.get("keypoint_scores"), double[][].class), null, null)));
    }
    metric.process(samples);
    Map<String, Double> whole = metric.computeMetrics();
    JsonNode want = ref.get("whole");
    assertEquals(want.size(), whole.size());
    want.fieldNames().forEachRemaining(k -> assertEquals(want.get(k).asDouble(), whole.get("coco-wholebody/" + k), 1e-9, k));
    for (int p = 0; p < PARTS.length; p++) {
      JsonNode stats = ref.get("parts").get(IOU_TYPES[p]);
      List<Double> got = List.copyOf(metric.partStats().get(PARTS[p]).values());
      for (int i = 0; i < stats.size(); i++) {
        assertEquals(stats.get(i).asDouble(), got.get(i), 1e-9, PARTS[p] + " stat " + i);
      }
    }
    JsonNode written = json.readTree(tmp.resolve("res.keypoints.json").toFile());
    JsonNode expected = ref.get("results");
    assertEquals(expected.size(), written.size(), "results");
    for (int i = 0; i < expected.size(); i++) {
      for (String key : List.of("image_id", "category_id", "keypoints", "foot_kpts", "face_kpts", "lefthand_kpts", "righthand_kpts")) {
        assertClose(expected.get(i).get(key), written.get(i).get(key), "result " + i + " " + key);
      }
      // the instance score is bbox_score * mean keypoint score; the local MMPose runs on NumPy 1.24,
      // which accumulates float32 scores in float64, while CocoMetric follows NumPy 2 (NEP 50:
      // float32 throughout), so the two agree to float32's precision only
      assertEquals(expected.get(i).get("score").asDouble(), written.get(i).get("score").asDouble(), 1e-6, "result " + i + " score");
    }
  }

  private static void assertClose(JsonNode want, JsonNode got, String where) {
    if (want.isArray()) {
      assertEquals(want.size(), got.size(), where);
      for (int i = 0; i < want.size(); i++) {
        assertClose(want.get(i), got.get(i), where + "[" + i + "]");
      }
    } else {
      assertEquals(want.asDouble(), got.asDouble(), 1e-9, where);
    }
  }
}
