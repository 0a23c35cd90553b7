package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** BatchNorm2d folded into the convolution before it, where BN runs on its running statistics. */
class ConvBnTest {
  private static float[] uniform(int n, double lo, double hi, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble(lo, hi);
    }
    return v;
  }

  /** BN's variables of {@code c} channels set to {@code [gamma, beta, mean, var]}. */
  private static void setBn(Session s, Ops tf, ParameterStore store, String prefix, float[][] values) {
    String[] names = {"weight", "bias", "running_mean", "running_var"};
    var runner = s.runner();
    for (int i = 0; i < 4; i++) {
      runner.addTarget(tf.assign(store.parameters().get(prefix + names[i]).variable(), tf.constant(values[i])));
    }
    runner.run();
  }

  @Test
  void foldedConvolutionWithBiasMatchesTheBnFormulaWorkedByHand() {
    // 1x1 conv, in (a, b) -> out: o0 = a - b + 0.5, o1 = 2a + 0.5b - 1; then BN per channel
    Conv2d conv = new Conv2d(2, 2, 1, 1, 0, 1, true, Initializer.values(1f, 2f, -1f, 0.5f), Initializer.values(0.5f, -1f));
    BatchNorm2d bn = new BatchNorm2d(2);
    float[][] stats = {{2f, 0.5f}, {0.1f, -0.2f}, {1f, -1f}, {3f, 0.25f}};
    ParameterStore store = new ParameterStore(0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 1, 1, 2)));
      var y = Sequential.of(conv, bn).apply(GraphContext.root(tf, store, false), x);
      s.initialize();
      setBn(s, tf, store, "1.", stats);
      try (var xt = TFloat32.tensorOf(Shape.of(1, 1, 1, 2), DataBuffers.of(3f, 1f)); var out = s.runner().feed(x, xt).fetch(y).run()) {
        float[] got = new float[2];
        out.get(0).asRawTensor().data().asFloats().read(got);
        double o0 = 3 - 1 + 0.5;
        double o1 = 2 * 3 + 0.5 * 1 - 1;
        assertEquals((o0 - 1) / Math.sqrt(3 + 1e-5) * 2 + 0.1, got[0], 1e-5);
        assertEquals((o1 + 1) / Math.sqrt(0.25 + 1e-5) * 0.5 - 0.2, got[1], 1e-5);
      }
      // the fold reads PyTorch's variables, and makes no others
      assertEquals(java.util.Set.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var"),
          store.parameters().keySet());
      assertEquals(10, store.parameterCount());
    }
  }

  /**
   * The output and the gradients (input, conv weight, BN weight and bias) of conv + BN in
   * {@code norm_eval} (running statistics, trainable), folded or applied one after the other.
   */
  private static List<float[]> outputsAndGradients(Convolution conv, int cout, Shape xShape, boolean fold) {
    BatchNorm2d bn = new BatchNorm2d(cout);
    ParameterStore store = new ParameterStore(7);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(xShape));
      GraphContext ctx = GraphContext.root(tf, store, true).withNormEval(true);
      Operand<TFloat32> y = fold ? Sequential.of(conv, bn).apply(ctx, x)
          : bn.apply(ctx.child(1), conv.apply(ctx.child(0), x));
      var r = tf.constant(y.shape(), DataBuffers.of(uniform((int) y.shape().size(), -1, 1, 3)));
      var loss = tf.reduceSum(tf.math.mul(y, r), tf.constant(new int[] {0, 1, 2, 3}));
      List<Operand<?>> wrt = List.of(x, store.parameters().get("0.weight").variable(),
          store.parameters().get("1.weight").variable(), store.parameters().get("1.bias").variable());
      var grads = tf.gradients(loss, wrt);
      s.initialize();
      setBn(s, tf, store, "1.", new float[][] {uniform(cout, 0.5, 2, 4), uniform(cout, -1, 1, 5),
          uniform(cout, -1, 1, 6), uniform(cout, 0.2, 3, 7)});
      try (var xt = TFloat32.tensorOf(xShape, DataBuffers.of(uniform((int) xShape.size(), -1, 1, 8)))) {
        var runner = s.runner().feed(x, xt).fetch(y);
        for (int i = 0; i < wrt.size(); i++) {
          runner.fetch(grads.dy(i));
        }
        List<float[]> values = new ArrayList<>();
        try (var out = runner.run()) {
          for (int i = 0; i < out.size(); i++) {
            float[] v = new float[(int) out.get(i).size()];
            out.get(i).asRawTensor().data().asFloats().read(v);
            values.add(v);
          }
        }
        return values;
      }
    }
  }

  private static void assertSame(List<float[]> folded, List<float[]> separate) {
    String[] what = {"output", "input gradient", "conv weight gradient", "BN weight gradient", "BN bias gradient"};
    for (int i = 0; i < what.length; i++) {
      double diff = 0;
      double ref = 0;
      for (int j = 0; j < folded.get(i).length; j++) {
        diff += Math.abs(folded.get(i)[j] - separate.get(i)[j]);
        ref += Math.abs(separate.get(i)[j]);
      }
      assertTrue(ref > 0, what[i]);
      assertTrue(diff / ref < 1e-5, what[i] + ": folded " + diff / ref + " off");
    }
  }

  @Test
  void foldedStridedConvolutionEqualsConvolutionThenBatchNormWithGradients() {
    Conv2d conv = new Conv2d(5, 6, 3, 2, 1, 1, true, Initializer.values(uniform(3 * 3 * 5 * 6, -1, 1, 1)),
        Initializer.values(uniform(6, -1, 1, 2)));
    Shape x = Shape.of(2, 9, 9, 5);
    assertSame(outputsAndGradients(conv, 6, x, true), outputsAndGradients(conv, 6, x, false));
  }

  @Test
  void foldedTransposedConvolutionEqualsDeconvolutionThenBatchNormWithGradients() {
    ConvTranspose2d deconv = new ConvTranspose2d(4, 6, 4, 2, 1, 0, false, Initializer.values(uniform(4 * 4 * 6 * 4, -1, 1, 1)));
    Shape x = Shape.of(2, 5, 5, 4);
    assertSame(outputsAndGradients(deconv, 6, x, true), outputsAndGradients(deconv, 6, x, false));
  }
}
