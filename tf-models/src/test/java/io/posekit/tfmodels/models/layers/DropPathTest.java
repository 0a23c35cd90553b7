package io.posekit.tfmodels.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.ParameterStore;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** DropPath: identity in eval; in training whole samples dropped with its probability, kept ones scaled by 1 / keep. */
class DropPathTest {
  private static float[] run(boolean training, int n, float[] values) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.constant(Shape.of(n, 2, 2, 3), DataBuffers.of(values));
      var y = new DropPath(0.25).apply(GraphContext.root(tf, new ParameterStore(3), training).child("drop_path"), x);
      try (Session s = new Session(g); var r = s.runner().fetch(y).run()) {
        float[] out = new float[values.length];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
        return out;
      }
    }
  }

  @Test
  void evalIsIdentityAndTrainingDropsWholeSamples() {
    int n = 4000;
    float[] x = new float[n * 12];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1 + (i % 12);
    }
    assertArrayEquals(x, run(false, n, x));
    float[] y = run(true, n, x);
    int dropped = 0;
    for (int s = 0; s < n; s++) {
      boolean zero = y[s * 12] == 0;
      dropped += zero ? 1 : 0;
      for (int j = 0; j < 12; j++) {
        float expected = zero ? 0 : x[s * 12 + j] / 0.75f;
        assertEquals(expected, y[s * 12 + j], 1e-5, "sample " + s);
      }
    }
    // binomial(4000, 0.25): mean 1000, sd 27
    assertTrue(Math.abs(dropped - 1000) < 150, dropped + " of 4000 samples dropped");
    assertThrows(IllegalArgumentException.class, () -> new DropPath(1.0));
  }
}
