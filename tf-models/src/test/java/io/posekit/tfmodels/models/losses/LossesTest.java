package io.posekit.tfmodels.models.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LossesTest {
  // B=1, H=1, W=2, K=3: output channel k holds (o[k], o[k]) per pixel, NHWC order
  private static final float[] OUTPUT = {1, 0, 2, 1, 0, 2};
  private static final float[] TARGET = {0, 0, 0, 0, 0, 0};
  private static final float[] WEIGHTS = {1, 0, 0.5f};

  private static float[] lossAndGradientSum(Loss loss, float[] target, float[] weights) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var out = tf.variable(tf.constant(Shape.of(1, 1, 2, 3), DataBuffers.of(OUTPUT)));
      var tgt = tf.constant(Shape.of(1, 1, 2, 3), DataBuffers.of(target));
      var w = tf.constant(Shape.of(1, 3), DataBuffers.of(weights));
      var l = loss.compute(tf, out, tgt, w);
      var grad = tf.gradients(l, List.of(out));
      s.initialize();
      try (var r = s.runner().fetch(l).fetch(grad.dy(0)).run()) {
        TFloat32 g0 = (TFloat32) r.get(1);
        float sum = 0;
        for (int i = 0; i < 6; i++) {
          sum += Math.abs(g0.getFloat(0, 0, i / 3, i % 3));
        }
        return new float[] {((TFloat32) r.get(0)).getFloat(), sum};
      }
    }
  }

  @Test
  void mseMeansWeightedSquaredErrorOverAllElements() {
    // squared errors per element: k0 {1,1}, k1 {0,4}... laid out NHWC: px0 (1,0,2), px1 (1,0,2)
    // weighted by (1, 0, 0.5): px0 1 + 0 + 2 = 3, px1 the same -> 6 / 6 elements = 1, times 2
    float[] r = lossAndGradientSum(new KeypointMSELoss(true, false, 2.0), TARGET, WEIGHTS);
    assertEquals(2.0f, r[0], 1e-6);
    // d/do of 2 * mean(w (o - t)^2) = 2 * 2 w o / 6: k0 2*2*1/6 per px, k2 2*2*0.5*2/6 per px
    assertEquals(2 * (4.0 / 6) + 2 * (4.0 / 6), r[1], 1e-5);
  }

  @Test
  void mseSkipsEmptyTargetChannels() {
    float[] target = {1, 0, 0, 0, 0, 0}; // only channel 0 has a non-zero pixel
    // masks: weights (1, 0, .5) times non-empty (1, 0, 0): only k0 counts -> ((1-1)^2 + (1-0)^2) / 6
    float[] r = lossAndGradientSum(new KeypointMSELoss(true, true, 1.0), target, WEIGHTS);
    assertEquals(1.0f / 6, r[0], 1e-6);
  }

  @Test
  void ohkmAveragesTheTopKPerKeypointLosses() {
    // per-keypoint MSE over H*W with weights: k0 (1), k1 (0), k2 ((1)^2 = 1 since o*w = 1)
    // top 2 of (1, 0, 1) -> (1 + 1) / 2 = 1, times loss weight 0.5
    float[] r = lossAndGradientSum(new KeypointOHKMMSELoss(true, 2, 0.5), TARGET, WEIGHTS);
    assertEquals(0.5f, r[0], 1e-6);
    // unweighted: (1, 0, 4) -> top 1 = 4
    float[] u = lossAndGradientSum(new KeypointOHKMMSELoss(false, 1, 1.0), TARGET, WEIGHTS);
    assertEquals(4f, u[0], 1e-6);
    // only k2 gets gradient: d/do mean((o)^2) = 2 * 2 / 2 per pixel
    assertEquals(4f, u[1], 1e-5);
  }

  @Test
  void ohkmRejectsTopKAboveKeypointCount() {
    assertThrows(IllegalArgumentException.class,
        () -> lossAndGradientSum(new KeypointOHKMMSELoss(false, 4, 1.0), TARGET, WEIGHTS));
  }
}
