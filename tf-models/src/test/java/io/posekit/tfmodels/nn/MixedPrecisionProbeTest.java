package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

/**
 * The probe (which reads the executed graph's types) against a second route: the numbers. A
 * convolution configured for bfloat16 differs from float32's by bfloat16 rounding where the pass
 * runs, and equals it bit for bit where it does not.
 */
class MixedPrecisionProbeTest {
  private static final Shape X = Shape.of(2, 12, 12, 16);
  private static final Shape W = Shape.of(3, 3, 16, 16);

  private static float[] uniform(long n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(-1, 1);
    }
    return v;
  }

  private static float[] convolve(Precision precision, float[] x, float[] w) {
    RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
    precision.configure(rewrites);
    var config = ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites)).build();
    try (Graph g = new Graph(); Session s = new Session(g, config)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(X));
      var filter = tf.placeholder(TFloat32.class, Placeholder.shape(W));
      var y = tf.identity(tf.nn.relu(tf.nn.conv2d(in, filter, List.of(1L, 1L, 1L, 1L), "SAME")));
      try (var xt = TFloat32.tensorOf(X, DataBuffers.of(x)); var wt = TFloat32.tensorOf(W, DataBuffers.of(w));
          var out = s.runner().feed(in, xt).feed(filter, wt).fetch(y).run()) {
        float[] values = new float[(int) out.get(0).size()];
        out.get(0).asRawTensor().data().asFloats().read(values);
        return values;
      }
    }
  }

  @Test
  void float32AlwaysComputesInFloat32() {
    assertTrue(Precision.FLOAT32.computesHere());
  }

  @Test
  void bfloat16ProbeAgreesWithTheNumbers() {
    float[] x = uniform(X.size(), 1);
    float[] w = uniform(W.size(), 2);
    float[] fp32 = convolve(Precision.FLOAT32, x, w);
    float[] bf16 = convolve(Precision.BFLOAT16, x, w);
    if (!Precision.BFLOAT16.computesHere()) {
      assertArrayEquals(fp32, bf16, "the probe says the pass does not run, so the graph must be float32's");
      return;
    }
    double diff = 0;
    double ref = 0;
    for (int i = 0; i < fp32.length; i++) {
      diff += Math.abs(fp32[i] - bf16[i]);
      ref += Math.abs(fp32[i]);
    }
    // bfloat16 keeps 8 significant bits: inputs rounded by up to 2^-9, sums of 144 products
    assertTrue(diff / ref > 1e-4 && diff / ref < 1e-2, "the probe says bfloat16 runs; relative difference " + diff / ref);
  }
}
