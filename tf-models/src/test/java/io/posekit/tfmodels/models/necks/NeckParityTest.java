package io.posekit.tfmodels.models.necks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.spi.Tuple;
import io.posekit.tfmodels.models.poseestimators.Neck;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Our necks against MMPose's modules on the fixed features of {@code necks.json} (made by
 * {@code make_neck_fixtures.py} beside it with PyTorch 1.13): every output within 1e-5 of the
 * reference's largest magnitude (float32 bilinear sampling), shapes equal.
 */
class NeckParityTest {
  private static JsonNode fixture;

  static JsonNode fixture() throws IOException {
    if (fixture == null) {
      try (InputStream in = NeckParityTest.class.getResourceAsStream("necks.json")) {
        fixture = new ObjectMapper().readTree(in);
      }
    }
    return fixture;
  }

  static Stream<JsonNode> cases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    fixture().get("cases").forEach(out::add);
    return out.stream();
  }

  static Object selectIndex(JsonNode cfg) {
    JsonNode s = cfg.get("select_index");
    if (s == null) {
      return null;
    }
    if (s.isInt()) {
      return s.asInt();
    }
    List<Object> items = new ArrayList<>();
    s.forEach(i -> items.add(i.asInt()));
    return Tuple.copyOf(items);
  }

  static Neck build(JsonNode cfg) {
    return switch (cfg.get("type").asText()) {
      case "FeatureMapProcessor" -> new FeatureMapProcessor(selectIndex(cfg), cfg.path("concat").asBoolean(false),
          cfg.path("scale_factor").asDouble(1.0), cfg.path("apply_relu").asBoolean(false),
          cfg.path("align_corners").asBoolean(false));
      case "GlobalAveragePooling" -> new GlobalAveragePooling();
      default -> throw new IllegalArgumentException(cfg.toString());
    };
  }

  static long[] shape(JsonNode field) {
    long[] s = new long[field.get("shape").size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = field.get("shape").get(i).asLong();
    }
    return s;
  }

  static float[] data(JsonNode field) {
    float[] out = new float[field.get("data").size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) field.get("data").get(i).asDouble();
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void equalsMMPose(JsonNode c) throws IOException {
    Neck neck = build(c.get("cfg"));
    assertEquals(0, neck.parameterCount());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> feats = new ArrayList<>();
      for (JsonNode in : fixture().get("inputs")) {
        feats.add(tf.constant(Shape.of(shape(in)), DataBuffers.of(data(in))));
      }
      var ctx = GraphContext.root(tf, new ParameterStore(0), false, Precision.FLOAT32);
      List<Operand<TFloat32>> outs = neck.apply(ctx, feats);
      JsonNode expected = c.get("outputs");
      assertEquals(expected.size(), outs.size());
      for (int i = 0; i < outs.size(); i++) {
        assertArrayEquals(shape(expected.get(i)), outs.get(i).shape().asArray(), "shape of output " + i);
        try (var r = s.runner().fetch(outs.get(i)).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          float[] ours = new float[(int) t.size()];
          t.asRawTensor().data().asFloats().read(ours);
          float[] ref = data(expected.get(i));
          double scale = 0;
          for (float v : ref) {
            scale = Math.max(scale, Math.abs(v));
          }
          for (int j = 0; j < ref.length; j++) {
            assertEquals(ref[j], ours[j], 1e-5 * scale, "output " + i + " element " + j);
          }
        }
      }
    }
  }

  @Test
  void badSelectIndexAndScaleAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new FeatureMapProcessor("x", false, 1.0, false, false));
    assertEquals(true, e.getMessage().contains("select_index"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FeatureMapProcessor(null, false, 0.0, false, false));
  }
}
