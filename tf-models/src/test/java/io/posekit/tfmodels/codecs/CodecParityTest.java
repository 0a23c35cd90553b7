package io.posekit.tfmodels.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our codecs against MMPose's on the generated keypoints of {@code codecs.json} (made by
 * {@code make_codec_fixtures.py} beside it, running MMPose's codecs): every encoded field and every
 * decoded keypoint and score equal to 1e-6 relative (of the field's largest magnitude), including
 * keypoints on and past the border, far outside, invisible and half visible, and NaN where MMPose
 * gives NaN.
 */
class CodecParityTest {
  static Stream<JsonNode> cases(String type) throws IOException {
    try (InputStream in = CodecParityTest.class.getResourceAsStream("codecs.json")) {
      JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
      List<JsonNode> out = new ArrayList<>();
      mapper.readTree(in).forEach(c -> {
        if (c.get("cfg").get("type").asText().equals(type)) {
          out.add(c);
        }
      });
      return out.stream();
    }
  }

  static Stream<JsonNode> megvii() throws IOException {
    return cases("MegviiHeatmap");
  }

  static Stream<JsonNode> regression() throws IOException {
    return Stream.concat(cases("RegressionLabel"), cases("IntegralRegressionLabel"));
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  static float[] data(JsonNode field) {
    JsonNode a = field.get("data");
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }

  static float[][] pairs(JsonNode field) {
    float[] flat = data(field);
    float[][] out = new float[flat.length / 2][2];
    for (int i = 0; i < out.length; i++) {
      out[i][0] = flat[2 * i];
      out[i][1] = flat[2 * i + 1];
    }
    return out;
  }

  static float[] flatten(float[][] rows) {
    float[] out = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
    }
    return out;
  }

  /** Elementwise within 1e-6 of the reference's largest magnitude; NaN only where the reference has NaN. */
  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    double scale = 0;
    for (float v : expected) {
      if (!Float.isNaN(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < expected.length; i++) {
      if (Float.isNaN(expected[i])) {
        assertTrue(Float.isNaN(actual[i]), what + "[" + i + "] should be NaN, got " + actual[i]);
      } else {
        assertEquals(expected[i], actual[i], 1e-6 * Math.max(scale, 1e-30), what + "[" + i + "]");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("megvii")
  void megviiHeatmapEqualsMMPose(JsonNode c) {
    JsonNode cfg = c.get("cfg");
    var codec = new MegviiHeatmap(ints(cfg.get("input_size")), ints(cfg.get("heatmap_size")), cfg.get("kernel_size").asInt());
    EncodedTargets enc = codec.encode(pairs(c.get("keypoints")), data(c.get("visible")));
    assertClose(data(c.get("encoded").get("heatmaps")), enc.heatmaps().data(), "heatmaps");
    assertClose(data(c.get("encoded").get("keypoint_weights")), enc.keypointWeights(), "keypoint_weights");
    for (JsonNode d : c.get("decoded")) {
      int[] shape = ints(d.get("input").get("shape"));
      DecodedKeypoints dec = codec.decode(new Heatmaps(data(d.get("input")), shape[0], shape[1], shape[2]));
      assertClose(data(d.get("keypoints")), flatten(dec.keypoints()), "keypoints");
      assertClose(data(d.get("scores")), dec.scores(), "scores");
    }
  }

  @ParameterizedTest
  @MethodSource("regression")
  void regressionLabelsEqualMMPose(JsonNode c) {
    JsonNode cfg = c.get("cfg");
    int[] input = ints(cfg.get("input_size"));
    KeypointCodec codec = cfg.get("type").asText().equals("RegressionLabel") ? new RegressionLabel(input)
        : new IntegralRegressionLabel(input, ints(cfg.get("heatmap_size")), cfg.get("sigma").asDouble(),
            cfg.path("unbiased").asBoolean(false), cfg.path("blur_kernel_size").asInt(11), cfg.path("normalize").asBoolean(true));
    EncodedTargets enc = codec.encode(pairs(c.get("keypoints")), data(c.get("visible")));
    var expected = c.get("encoded");
    assertEquals(
        new java.util.TreeSet<>(iterable(expected.fieldNames())), new java.util.TreeSet<>(enc.fields().keySet()));
    expected.fieldNames().forEachRemaining(name -> {
      assertEquals(java.util.Arrays.toString(longs(expected.get(name).get("shape"))),
          java.util.Arrays.toString(enc.get(name).shape()), name + " shape");
      assertClose(data(expected.get(name)), enc.get(name).data(), name);
    });
    for (JsonNode d : c.get("decoded")) {
      // MMPose decodes (N, K, D) with N = 1; ours takes one instance's (K, D)
      long[] shape = longs(d.get("input").get("shape"));
      long[] instance = java.util.Arrays.copyOfRange(shape, shape.length - 2, shape.length);
      DecodedKeypoints dec = codec.decode(List.of(NdFloats.of(data(d.get("input")), instance)));
      assertClose(data(d.get("keypoints")), flatten(dec.keypoints()), "keypoints");
      assertClose(data(d.get("scores")), dec.scores(), "scores");
    }
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
