package io.posekit.tfmodels.models.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@link KLDiscretLoss} against MMPose's module (fixture by make_kl_fixtures.py) and a value worked by hand. */
class KLDiscretLossTest {
  private static float[] floats(JsonNode n) {
    float[] v = new float[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) n.get(i).asDouble();
    }
    return v;
  }

  private static float run(KLDiscretLoss loss, List<float[]> preds, List<float[]> gts, List<Shape> shapes, float[] w, Shape ws) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> p = new java.util.ArrayList<>();
      List<Operand<TFloat32>> t = new java.util.ArrayList<>();
      for (int i = 0; i < preds.size(); i++) {
        p.add(tf.constant(shapes.get(i), DataBuffers.of(preds.get(i))));
        t.add(tf.constant(shapes.get(i), DataBuffers.of(gts.get(i))));
      }
      var l = loss.compute(tf, p, t, tf.constant(ws, DataBuffers.of(w)));
      try (var r = s.runner().fetch(l).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }
  }

  @Test
  void equalsMMPoseForEveryOption() throws IOException {
    JsonNode f;
    try (InputStream in = getClass().getResourceAsStream("/io/posekit/tfmodels/losses/kl_discret_loss.json")) {
      f = new ObjectMapper().readTree(in);
    }
    int n = f.get("shape").get(0).asInt();
    int k = f.get("shape").get(1).asInt();
    Shape sx = Shape.of(n, k, f.get("shape").get(2).asInt());
    Shape sy = Shape.of(n, k, f.get("shape").get(3).asInt());
    float[] w = floats(f.get("weights"));
    for (JsonNode c : f.get("cases")) {
      JsonNode cfg = c.get("config");
      int[] mask = null;
      if (cfg.has("mask")) {
        mask = new int[cfg.get("mask").size()];
        for (int i = 0; i < mask.length; i++) {
          mask[i] = cfg.get("mask").get(i).asInt();
        }
      }
      KLDiscretLoss loss = new KLDiscretLoss(cfg.path("beta").asDouble(1.0), cfg.path("label_softmax").asBoolean(false),
          cfg.path("label_beta").asDouble(10.0), cfg.path("use_target_weight").asBoolean(true), mask,
          cfg.path("mask_weight").asDouble(1.0));
      float both = run(loss, List.of(floats(f.get("pred_x")), floats(f.get("pred_y"))),
          List.of(floats(f.get("gt_x")), floats(f.get("gt_y"))), List.of(sx, sy), w, Shape.of(n, k));
      float xOnly = run(loss, List.of(floats(f.get("pred_x"))), List.of(floats(f.get("gt_x"))), List.of(sx), w, Shape.of(n, k));
      double want = c.get("loss").asDouble();
      assertEquals(want, both, 1e-5 * Math.abs(want), cfg.toString());
      assertEquals(c.get("loss_x_only").asDouble(), xOnly, 1e-5 * Math.abs(c.get("loss_x_only").asDouble()), cfg + " x only");
    }
  }

  @Test
  void oneHotLabelAgainstUniformPrediction() {
    // softmax([0, 0]) = (1/2, 1/2); KL((1, 0) || it) per element = (ln 2, 0), mean over W = ln 2 / 2; K = 1
    float v = run(new KLDiscretLoss(1.0, false, 10.0, true, null, 1.0), List.of(new float[] {0, 0}),
        List.of(new float[] {1, 0}), List.of(Shape.of(1, 1, 2)), new float[] {1}, Shape.of(1, 1));
    assertEquals(Math.log(2) / 2, v, 1e-7);
  }
}
