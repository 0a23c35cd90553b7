package io.posekit.tfmodels.models.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Our losses against MMPose's modules on the fixed inputs of {@code losses.json} (made by
 * {@code make_loss_fixtures.py} beside it, running MMPose's source with PyTorch 1.13): equal to
 * 1e-6 relative.
 */
class MMPoseLossParityTest {
  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in = MMPoseLossParityTest.class.getResourceAsStream("losses.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).forEach(out::add);
      return out.stream();
    }
  }

  /** The loss a config dict describes, with MMPose's defaults for the keys it leaves out. */
  static Loss build(JsonNode cfg) {
    boolean w = cfg.path("use_target_weight").asBoolean(false);
    double lw = cfg.path("loss_weight").asDouble(1.0);
    return switch (cfg.get("type").asText()) {
      case "SmoothL1Loss" -> new SmoothL1Loss(w, lw);
      case "SoftWeightSmoothL1Loss" -> new SoftWeightSmoothL1Loss(w, cfg.path("supervise_empty").asBoolean(true),
          cfg.path("beta").asDouble(1.0), lw);
      case "L1Loss" -> new L1Loss(cfg.path("reduction").asText("mean"), w, lw);
      case "WingLoss" -> new WingLoss(cfg.path("omega").asDouble(10), cfg.path("epsilon").asDouble(2), w, lw);
      case "SoftWingLoss" -> new SoftWingLoss(cfg.path("omega1").asDouble(2), cfg.path("omega2").asDouble(20),
          cfg.path("epsilon").asDouble(0.5), w, lw);
      case "AdaptiveWingLoss" -> new AdaptiveWingLoss(cfg.path("alpha").asDouble(2.1), cfg.path("omega").asDouble(14),
          cfg.path("epsilon").asDouble(1), cfg.path("theta").asDouble(0.5), w, lw);
      case "CombinedTargetMSELoss" -> new CombinedTargetMSELoss(w, lw);
      case "JSDiscretLoss" -> new JSDiscretLoss(cfg.path("use_target_weight").asBoolean(true),
          cfg.path("size_average").asBoolean(true));
      case "BCELoss" -> new BCELoss(w, lw, cfg.path("reduction").asText("mean"), cfg.path("use_sigmoid").asBoolean(false));
      default -> throw new IllegalArgumentException("no loss " + cfg.get("type"));
    };
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  static double evaluate(Loss loss, long[] shape, float[] output, float[] target, float[] weights) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var out = tf.constant(Shape.of(shape), DataBuffers.of(output));
      var tgt = tf.constant(Shape.of(shape), DataBuffers.of(target));
      long b = shape[0];
      var w = tf.constant(Shape.of(b, weights.length / b), DataBuffers.of(weights));
      var l = loss.compute(tf, out, tgt, w);
      try (var r = s.runner().fetch(l).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void equalsMMPose(JsonNode c) {
    long[] shape = new long[c.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = c.get("shape").get(i).asLong();
    }
    double expected = c.get("value").asDouble();
    double ours = evaluate(build(c.get("cfg")), shape, floats(c.get("output")), floats(c.get("target")),
        floats(c.get("weights")));
    assertTrue(Math.abs(expected) > 1e-3, "the reference value is not trivially zero");
    assertEquals(expected, ours, 1e-6 * Math.abs(expected), c.get("cfg").toString());
  }

  @Test
  void reductionNoneIsRejectedWithTheKey() {
    var e = assertThrows(IllegalArgumentException.class, () -> new L1Loss("none", false, 1.0));
    assertTrue(e.getMessage().contains("L1Loss.reduction"), e.getMessage());
  }

  @Test
  void multipleLossWrapperPairsLossesWithOutputs() {
    // two L1 losses of weight 1 and 2 on (|1-0|, |3-1|): the i-th loss sees the i-th output only
    var wrapper = new MultipleLossWrapper(List.of(new L1Loss("mean", false, 1.0), new L1Loss("sum", false, 2.0)));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var w = tf.constant(new float[][] {{1f}});
      var losses = wrapper.compute(tf,
          List.of(tf.constant(new float[][] {{1f}}), tf.constant(new float[][] {{3f}})),
          List.of(tf.constant(new float[][] {{0f}}), tf.constant(new float[][] {{1f}})), w);
      try (var r = s.runner().fetch(losses.get(0)).fetch(losses.get(1)).run()) {
        assertEquals(1f, ((TFloat32) r.get(0)).getFloat(), 0f);
        assertEquals(4f, ((TFloat32) r.get(1)).getFloat(), 0f);
      }
      assertThrows(IllegalArgumentException.class, () -> wrapper.compute(tf, List.of(w), List.of(w), w));
    }
  }
}
