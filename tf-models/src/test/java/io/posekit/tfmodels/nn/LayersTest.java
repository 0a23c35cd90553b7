package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LayersTest {
  private static float[] range(int n, float sign) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = sign * (i + 1);
    }
    return v;
  }

  /** Builds {@code fn} on a constant input, initialises variables and returns the output values. */
  private static float[] run(Shape shape, float[] input, ParameterStore store, Function<Ops, Function<Operand<TFloat32>, Operand<TFloat32>>> fn) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = fn.apply(tf).apply(tf.constant(shape, DataBuffers.of(input)));
      s.initialize();
      try (var t = (TFloat32) s.runner().fetch(y).run().get(0)) {
        float[] out = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(out);
        return out;
      }
    }
  }

  @Test
  void strideTwoConvolutionPadsSymmetricallyLikePyTorch() {
    ParameterStore store = new ParameterStore(0);
    Conv2d conv = new Conv2d(1, 1, 3, 2, 1, 1, false, Initializer.constant(1f), Initializer.constant(0f));
    float[] out = run(Shape.of(1, 4, 4, 1), range(16, 1), store,
        tf -> x -> conv.apply(GraphContext.root(tf, store, false).child("conv"), x));
    // windows over rows/cols {-1,0,1} and {1,2,3} of 1..16: TensorFlow's SAME would give 54 first
    assertArrayEquals(new float[] {14, 30, 57, 99}, out);
    assertTrue(store.parameters().containsKey("conv.weight"));
    assertEquals(9, store.parameterCount());
  }

  @Test
  void stridedConvolutionWithBiasAndTwoChannels() {
    ParameterStore store = new ParameterStore(0);
    // weight [1, 1, in=2, out=1] = (1, -1), bias 0.5: out = a - b + 0.5 on every other pixel
    Conv2d conv = new Conv2d(2, 1, 1, 2, 0, 1, true, Initializer.values(1f, -1f), Initializer.values(0.5f));
    float[] in = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60, 7, 70, 8, 80, 9, 90};
    float[] out = run(Shape.of(1, 3, 3, 2), in, store,
        tf -> x -> conv.apply(GraphContext.root(tf, store, false), x));
    assertArrayEquals(new float[] {-8.5f, -26.5f, -62.5f, -80.5f}, out);
  }

  @Test
  void batchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnesLikePyTorch() {
    ParameterStore store = new ParameterStore(0);
    BatchNorm2d bn = new BatchNorm2d(1);
    float[] in = {1, 2, 3, 4};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x = tf.constant(Shape.of(1, 2, 2, 1), DataBuffers.of(in));
      var train = bn.apply(GraphContext.root(tf, store, true).child("bn"), x);
      var eval = bn.apply(GraphContext.root(tf, store, false).child("bn"), x);
      s.initialize();
      var runner = s.runner().fetch(train);
      store.updateOps().forEach(runner::addTarget);
      try (var t = (TFloat32) runner.run().get(0)) {
        double sd = Math.sqrt(1.25 + 1e-5); // biased variance of 1..4 is 1.25
        assertEquals((1 - 2.5) / sd, t.getFloat(0, 0, 0, 0), 1e-5);
        assertEquals((4 - 2.5) / sd, t.getFloat(0, 1, 1, 0), 1e-5);
      }
      var rm = store.parameters().get("bn.running_mean").variable();
      var rv = store.parameters().get("bn.running_var").variable();
      try (var r = s.runner().fetch(rm).fetch(rv).fetch(eval).run()) {
        assertEquals(0.25f, ((TFloat32) r.get(0)).getFloat(0), 1e-6);
        // 0.9 * 1 + 0.1 * (unbiased variance 5/3)
        assertEquals(0.9 + 0.1 * 5.0 / 3, ((TFloat32) r.get(1)).getFloat(0), 1e-6);
        double expected = (4 - 0.25) / Math.sqrt(0.9 + 0.5 / 3 + 1e-5);
        assertEquals(expected, ((TFloat32) r.get(2)).getFloat(0, 1, 1, 0), 1e-5);
      }
    }
    assertEquals(2, store.parameterCount()); // running stats are buffers, not parameters
  }

  /** The running variance takes the fused op's batch_variance: it must be the unbiased one, as PyTorch's. */
  @Test
  void batchNormRunningVarianceIsTheUnbiasedBatchVarianceWorkedOutDirectly() {
    int n = 16 * 7 * 5;
    int c = 3;
    float[] in = new float[n * c];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) (random.nextGaussian() * (1 + i % c) + 2 - i % c);
    }
    float[] runningVar = trainOnceAndReadRunningVar(Shape.of(16, 7, 5, c), in, c);
    for (int ch = 0; ch < c; ch++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += in[i * c + ch];
      }
      mean /= n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        squares += (in[i * c + ch] - mean) * (in[i * c + ch] - mean);
      }
      double expected = 0.9 * 1 + 0.1 * squares / (n - 1);
      assertEquals(expected, runningVar[ch], 1e-6 * expected, "channel " + ch);
    }
    // one value per channel: no spread (not n / (n - 1) = infinity)
    assertArrayEquals(new float[] {0.9f, 0.9f}, trainOnceAndReadRunningVar(Shape.of(1, 1, 1, 2), new float[] {3, -4}, 2));
  }

  private static float[] trainOnceAndReadRunningVar(Shape shape, float[] in, int channels) {
    ParameterStore store = new ParameterStore(0);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      new BatchNorm2d(channels).apply(GraphContext.root(tf, store, true).child("bn"), tf.constant(shape, DataBuffers.of(in)));
      s.initialize();
      var runner = s.runner();
      store.updateOps().forEach(runner::addTarget);
      runner.run().close();
      try (var r = s.runner().fetch(store.parameters().get("bn.running_var").variable()).run()) {
        float[] out = new float[channels];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
        return out;
      }
    }
  }

  @Test
  void transposedConvolutionKernelFourPaddingOneDoublesSize() {
    ParameterStore store = new ParameterStore(0);
    ConvTranspose2d deconv = new ConvTranspose2d(1, 1, 4, 2, 1, 0, false, Initializer.constant(1f));
    float[] out = run(Shape.of(1, 2, 2, 1), new float[] {1, 2, 3, 4}, store,
        tf -> x -> deconv.apply(GraphContext.root(tf, store, false), x));
    assertEquals(16, out.length);
    // out[o] sums x[i] with o + 1 = 2i + k, k in [0, 4)
    assertEquals(1f, out[0]);
    assertEquals(3f, out[1]);
    assertEquals(10f, out[5]);
    assertEquals(4f, out[15]);
    assertEquals(7f, out[13]); // row 3 col 1: x[1][0] + x[1][1]
  }

  @Test
  void maxPoolPadsWithMinusInfinity() {
    ParameterStore store = new ParameterStore(0);
    MaxPool2d pool = new MaxPool2d(3, 2, 1);
    float[] out = run(Shape.of(1, 4, 4, 1), range(16, -1), store,
        tf -> x -> pool.apply(GraphContext.root(tf, store, false), x));
    assertArrayEquals(new float[] {-1, -2, -5, -6}, out);
  }

  @Test
  void avgPoolCeilModeAveragesOnlyCoveredPixels() {
    ParameterStore store = new ParameterStore(0);
    float[] out = run(Shape.of(1, 3, 3, 1), range(9, 1), store,
        tf -> x -> new AvgPool2d(2).apply(GraphContext.root(tf, store, false), x));
    assertArrayEquals(new float[] {3f, 4.5f, 7.5f, 9f}, out, 1e-6f);
  }

  @Test
  void nearestUpsampleRepeatsPixels() {
    ParameterStore store = new ParameterStore(0);
    float[] out = run(Shape.of(1, 1, 2, 1), new float[] {1, 2}, store,
        tf -> x -> new Upsample(2).apply(GraphContext.root(tf, store, false), x));
    assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2}, out);
  }
}
