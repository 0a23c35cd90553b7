package io.posekit.tfmodels.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseDataSample.GtInstances;
import io.posekit.tfmodels.structures.PoseDataSample.PredInstances;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * MpiiPCKAccuracy and JhmdbPCKAccuracy against MMPose's on generated predictions
 * ({@code parity/gen_pck_parity.py}): never-visible joints (-100), a torso under 1 px, two thresholds.
 */
class PckVariantsParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> equalMmposes() throws Exception {
    JsonNode cases = JSON.readTree(Path.of("src/test/resources/io/posekit/tfmodels/evaluation/parity/pck_variants.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }
    return tests.stream();
  }

  private static void check(JsonNode c) throws Exception {
    JsonNode kw = c.get("kwargs");
    Object normItem = kw.has("norm_item") ? JSON.convertValue(kw.get("norm_item"), List.class) : null;
    Metric metric =
        switch (c.get("metric").asText()) {
          case "MpiiPCKAccuracy" -> new MpiiPCKAccuracy(kw.path("thr").asDouble(0.5), normItem == null ? "head" : normItem, null);
          case "JhmdbPCKAccuracy" -> new JhmdbPCKAccuracy(kw.path("thr").asDouble(0.05), normItem == null ? "bbox" : normItem, null);
          default -> throw new IllegalArgumentException(c.get("metric").asText());
        };
    List<PoseDataSample> samples = new ArrayList<>();
    for (JsonNode s : c.get("samples")) {
      JsonNode g = s.get("gt_instances");
      GtInstances gt =
          new GtInstances(JSON.convertValue(g.get("bboxes"), double[][].class), null, null,
              JSON.convertValue(g.get("keypoints"), double[][][].class),
              JSON.convertValue(g.get("keypoints_visible"), double[][].class),
              JSON.convertValue(g.get("head_size"), double[].class));
      double[][][] pk = JSON.convertValue(s.get("pred_instances").get("keypoints"), double[][][].class);
      samples.add(new PoseDataSample(Map.of("img_id", (long) samples.size()), gt, new PredInstances(pk, new double[1][pk[0].length], null, null)));
    }
    metric.process(samples);
    Map<String, Double> got = metric.computeMetrics();
    JsonNode want = c.get("expected");
    assertEquals(want.size(), got.size(), "keys: " + got.keySet());
    for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      assertEquals(want.get(key).asDouble(), got.get(key), 1e-9, c.get("name").asText() + " " + key);
    }
  }
}
