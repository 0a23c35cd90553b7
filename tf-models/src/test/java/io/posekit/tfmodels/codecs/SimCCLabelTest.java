package io.posekit.tfmodels.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SimCCLabel} against MMPose's own codec (fixtures by make_simcc_fixtures.py beside the JSON). */
class SimCCLabelTest {
  private static final double TOL = 1e-6;

  private static JsonNode fixture() throws IOException {
    try (InputStream in = SimCCLabelTest.class.getResourceAsStream("/io/posekit/tfmodels/codecs/simcc_label.json")) {
      // MMPose's DARK gives NaN on all-zero label vectors (0/0 in its rescaling); Python's json writes NaN
      return new ObjectMapper().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
          .readTree(in);
    }
  }

  private static float[] floats(JsonNode n) {
    float[] v = new float[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) n.get(i).asDouble();
    }
    return v;
  }

  private static SimCCLabel codec(int[] inputSize, JsonNode cfg) {
    Object sigma = 6.0;
    if (cfg.has("sigma")) {
      JsonNode s = cfg.get("sigma");
      // a config's tuple, as the config reader hands it over
      sigma = s.isArray() ? io.posekit.spi.Tuple.of(s.get(0).asDouble(), s.get(1).asDouble()) : (Object) s.asDouble();
    }
    return new SimCCLabel(inputSize,
        cfg.get("smoothing_type").asText().equals("gaussian") ? SimCCLabel.SmoothingType.GAUSSIAN : SimCCLabel.SmoothingType.STANDARD,
        sigma, cfg.path("simcc_split_ratio").asDouble(2.0), cfg.path("label_smooth_weight").asDouble(0.0),
        cfg.path("normalize").asBoolean(true), cfg.path("use_dark").asBoolean(false),
        cfg.path("decode_visibility").asBoolean(false), cfg.path("decode_beta").asDouble(150.0));
  }

  private static void assertClose(float[] want, float[] got, String what) {
    assertClose(want, got, TOL, what);
  }

  private static void assertClose(float[] want, float[] got, double tol, String what) {
    assertEquals(want.length, got.length, what + " length");
    for (int i = 0; i < want.length; i++) {
      if (Float.isNaN(want[i])) {
        assertTrue(Float.isNaN(got[i]), what + "[" + i + "] should be NaN, got " + got[i]);
      } else {
        assertEquals(want[i], got[i], tol * Math.max(1, Math.abs(want[i])), what + "[" + i + "]");
      }
    }
  }

  @Test
  void encodesAndDecodesAsMMPoseForEveryOption() throws IOException {
    JsonNode f = fixture();
    int[] inputSize = {f.get("input_size").get(0).asInt(), f.get("input_size").get(1).asInt()};
    float[] flat = floats(f.get("keypoints"));
    float[][] keypoints = new float[flat.length / 2][];
    for (int k = 0; k < keypoints.length; k++) {
      keypoints[k] = new float[] {flat[2 * k], flat[2 * k + 1]};
    }
    float[] visible = floats(f.get("visible"));
    int k = keypoints.length;
    assertEquals(6, f.get("cases").size());
    for (JsonNode c : f.get("cases")) {
      String name = c.get("config").toString();
      SimCCLabel codec = codec(inputSize, c.get("config"));
      EncodedTargets enc = codec.encode(keypoints, visible);
      int wx = c.get("wx").asInt();
      int wy = c.get("wy").asInt();
      assertArrayEquals(new long[] {k, wx}, enc.get(EncodedTargets.KEYPOINT_X_LABELS).shape(), name);
      assertArrayEquals(new long[] {k, wy}, enc.get(EncodedTargets.KEYPOINT_Y_LABELS).shape(), name);
      assertClose(floats(c.get("keypoint_x_labels")), enc.get(EncodedTargets.KEYPOINT_X_LABELS).data(), name + " x labels");
      assertClose(floats(c.get("keypoint_y_labels")), enc.get(EncodedTargets.KEYPOINT_Y_LABELS).data(), name + " y labels");
      assertArrayEquals(floats(c.get("keypoint_weights")), enc.keypointWeights(), name + " weights");
      for (int d = 0; d < 2; d++) {
        JsonNode dec = c.get("decoded").get(d);
        float[] x = d == 0 ? floats(dec.get("simcc_x")) : floats(c.get("keypoint_x_labels"));
        float[] y = d == 0 ? floats(dec.get("simcc_y")) : floats(c.get("keypoint_y_labels"));
        List<NdFloats> outputs = List.of(NdFloats.of(x.clone(), k, wx), NdFloats.of(y.clone(), k, wy));
        DecodedKeypoints got = codec.decode(outputs);
        assertArrayEquals(x, outputs.get(0).data(), "decode leaves its input as it was");
        float[] kps = new float[2 * k];
        for (int j = 0; j < k; j++) {
          kps[2 * j] = got.keypoints()[j][0];
          kps[2 * j + 1] = got.keypoints()[j][1];
        }
        String what = name + " decode " + (d == 0 ? "random" : "encoded");
        // DARK divides by a second difference of float32 logs: numpy's and Java's logs differ in the
        // last bit now and then, which that division magnifies to a few 1e-6 px
        assertClose(floats(dec.get("keypoints")), kps, codec.useDark() ? 1e-5 : TOL, what + " keypoints");
        assertClose(floats(dec.get("scores")), got.scores(), what + " scores");
        if (dec.get("visibility").isNull()) {
          assertNull(got.visibility(), what);
        } else {
          assertClose(floats(dec.get("visibility")), got.visibility(), what + " visibility");
        }
      }
    }
  }

  @Test
  void encodedGaussianPeaksAtTheRoundedSplitCoordinate() {
    // worked by hand: x = 5.3 at ratio 2 -> 10.6 -> label 11; y = 7.25 -> 14.5 -> 14 (half to even)
    SimCCLabel codec = new SimCCLabel(new int[] {16, 16}, SimCCLabel.SmoothingType.GAUSSIAN, 2.0, 2.0, 0, false, false, false, 150);
    EncodedTargets enc = codec.encode(new float[][] {{5.3f, 7.25f}}, null);
    float[] x = enc.get(EncodedTargets.KEYPOINT_X_LABELS).data();
    float[] y = enc.get(EncodedTargets.KEYPOINT_Y_LABELS).data();
    assertEquals(1f, x[11], 0f);
    assertEquals(Math.exp(-1 / 8.0), x[12], 1e-7);
    assertEquals(1f, y[14], 0f);
    DecodedKeypoints dec = codec.decode(List.of(NdFloats.of(x, 1, 32), NdFloats.of(y, 1, 32)));
    assertArrayEquals(new float[] {5.5f, 7f}, dec.keypoints()[0]);
    assertEquals(1f, dec.scores()[0]);
  }

  @Test
  void rejectsMMPoseInvalidOptions() {
    assertThrows(IllegalArgumentException.class,
        () -> new SimCCLabel(new int[] {8, 8}, SimCCLabel.SmoothingType.GAUSSIAN, 2.0, 2.0, 0.1, true, false, false, 150));
    assertThrows(IllegalArgumentException.class,
        () -> new SimCCLabel(new int[] {8, 8}, SimCCLabel.SmoothingType.STANDARD, 2.0, 2.0, 1.5, true, false, false, 150));
    assertThrows(IllegalArgumentException.class,
        () -> new SimCCLabel(new int[] {8, 8}, SimCCLabel.SmoothingType.STANDARD, new ArrayList<>(List.of(1.0)), 2.0, 0, true,
            false, false, 150));
  }
}
