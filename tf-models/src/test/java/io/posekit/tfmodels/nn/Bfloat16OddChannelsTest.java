package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * TF 2.18's oneDNN bfloat16 forward convolution on an input with an odd number of channels, the
 * cause of bfloat16 heatmaps 30-50% off float32 (every RGB stem has 3 channels), and the even
 * channel count Conv2d and ConvTranspose2d give it. Inputs are fed through placeholders: with
 * constant inputs Grappler folds the convolution on Eigen and the fault does not show.
 */
class Bfloat16OddChannelsTest {
  private static final int H = 16;

  private static float[] uniform(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextDouble(-1, 1);
    }
    return v;
  }

  /** PyTorch's conv2d (symmetric zero padding) of NHWC x with HWIO w, in double. */
  private static double[] conv(float[] x, int n, int h, int cin, float[] w, int k, int cout, int stride, int pad) {
    int oh = (h + 2 * pad - k) / stride + 1;
    double[] y = new double[n * oh * oh * cout];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < oh; j++) {
          for (int o = 0; o < cout; o++) {
            double acc = 0;
            for (int ki = 0; ki < k; ki++) {
              for (int kj = 0; kj < k; kj++) {
                int r = i * stride + ki - pad;
                int c = j * stride + kj - pad;
                if (r < 0 || c < 0 || r >= h || c >= h) {
                  continue;
                }
                for (int ch = 0; ch < cin; ch++) {
                  acc += (double) x[((b * h + r) * h + c) * cin + ch] * w[((ki * k + kj) * cin + ch) * cout + o];
                }
              }
            }
            y[((b * oh + i) * oh + j) * cout + o] = acc;
          }
        }
      }
    }
    return y;
  }

  /** Mean absolute difference over mean absolute reference. */
  private static double relative(float[] ours, double[] reference) {
    double diff = 0;
    double ref = 0;
    for (int i = 0; i < reference.length; i++) {
      diff += Math.abs(ours[i] - reference[i]);
      ref += Math.abs(reference[i]);
    }
    assertTrue(ref > 0);
    return diff / ref;
  }

  private static Session session(Graph g, Precision precision) {
    RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
    precision.configure(rewrites);
    return new Session(g, ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites)).build());
  }

  private static float[] read(org.tensorflow.Tensor t) {
    float[] out = new float[(int) t.size()];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** The minimal repro: TensorFlow's own Conv2D, input and filter cast to bfloat16 by hand, no Grappler pass. */
  private static float[] rawBfloat16Conv(float[] x, int cin, float[] w, int cout) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, H, H, cin)));
      var filter = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, cin, cout)));
      var y = tf.dtypes.cast(tf.nn.conv2d(tf.dtypes.cast(in, TBfloat16.class), tf.dtypes.cast(filter, TBfloat16.class),
          List.of(1L, 1L, 1L, 1L), "SAME"), TFloat32.class);
      try (var xt = TFloat32.tensorOf(Shape.of(1, H, H, cin), DataBuffers.of(x));
          var wt = TFloat32.tensorOf(Shape.of(3, 3, cin, cout), DataBuffers.of(w));
          var out = s.runner().feed(in, xt).feed(filter, wt).fetch(y).run()) {
        return read(out.get(0));
      }
    }
  }

  /** The CPU's vendor as /proc/cpuinfo names it ({@code GenuineIntel}, {@code AuthenticAMD}); empty elsewhere. */
  private static String cpuVendor() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "";
    }
    try (var lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("vendor_id")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void oneDnnBfloat16ConvolutionOnOddInputChannelsIsWrongOnlyOnIntelAvx512() {
    // found on an Intel CPU with AVX512_BF16 (oneDNN's AVX-512 bfloat16 kernel): 3 channels 52%,
    // 5 channels 43% off. AMD EPYC CPUs compute odd channel counts right, like even ones (0.26%):
    // with AVX2 only, and also with AVX-512 and AVX512_BF16 (Zen 4).
    boolean defective = CpuFlags.has("avx512f") && cpuVendor().equals("GenuineIntel");
    for (int cin : new int[] {3, 5}) {
      float[] x = uniform(H * H * cin, 1);
      float[] w = uniform(9 * cin * 8, 2);
      double err = relative(rawBfloat16Conv(x, cin, w, 8), conv(x, 1, H, cin, w, 3, 8, 1, 1));
      if (defective) {
        assertTrue(err > 0.1, cin + " channels: " + err + " off. If TensorFlow fixed its bfloat16 convolution on odd"
            + " channel counts, Precision#needsEvenChannels and the padding in Conv2d/ConvTranspose2d can go");
      } else {
        assertTrue(err < 0.01, cin + " channels: " + err + " off on a " + cpuVendor() + " CPU: the odd-channel defect"
            + " shows beyond Intel AVX-512; the padding in Conv2d/ConvTranspose2d covers it, widen this test's condition");
      }
    }
    for (int cin : new int[] {4, 6}) {
      float[] x = uniform(H * H * cin, 1);
      float[] w = uniform(9 * cin * 8, 2);
      double err = relative(rawBfloat16Conv(x, cin, w, 8), conv(x, 1, H, cin, w, 3, 8, 1, 1));
      assertTrue(err < 0.01, cin + " channels: " + err);
    }
  }

  /** Conv2d in a graph of {@code precision} on a fed input; training selects the Pad + VALID lowering. */
  private static float[] conv2dLayer(Precision precision, boolean training, float[] x, int cin, float[] w, int k, int cout,
      int stride, int pad) {
    ParameterStore store = new ParameterStore(0);
    Conv2d layer = new Conv2d(cin, cout, k, stride, pad, 1, false, Initializer.values(w), Initializer.constant(0f));
    try (Graph g = new Graph(); Session s = session(g, precision)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, H, H, cin)));
      // an Identity to fetch: Grappler keeps fetched nodes as they are, so the convolution must not be one
      var y = tf.identity(layer.apply(GraphContext.root(tf, store, training, precision).child("conv"), in));
      s.initialize();
      try (var xt = TFloat32.tensorOf(Shape.of(2, H, H, cin), DataBuffers.of(x)); var out = s.runner().feed(in, xt).fetch(y).run()) {
        return read(out.get(0));
      }
    }
  }

  @Test
  void conv2dInBfloat16IsBfloat16CloseOnOddInputChannels() {
    // measured: 0.24-0.26% in every case (52% for the 7x7 stem without the extra channel)
    int[][] cases = {{3, 7, 2, 3}, {3, 3, 1, 1}, {5, 3, 2, 1}, {3, 1, 2, 0}};
    for (int[] c : cases) {
      int cin = c[0];
      int k = c[1];
      int stride = c[2];
      int pad = c[3];
      float[] x = uniform(2 * H * H * cin, 3);
      float[] w = uniform(k * k * cin * 8, 4);
      double[] reference = conv(x, 2, H, cin, w, k, 8, stride, pad);
      for (boolean training : new boolean[] {false, true}) {
        float[] fp32 = conv2dLayer(Precision.FLOAT32, training, x, cin, w, k, 8, stride, pad);
        float[] bf16 = conv2dLayer(Precision.BFLOAT16, training, x, cin, w, k, 8, stride, pad);
        String what = cin + " channels, " + k + "x" + k + " stride " + stride + (training ? " (training)" : "");
        assertTrue(relative(fp32, reference) < 1e-6, what + " float32");
        if (!Precision.BFLOAT16.computesHere()) {
          assertArrayEquals(fp32, bf16, what + ": where bfloat16 does not run, the graph is float32's");
          continue;
        }
        assertFalse(java.util.Arrays.equals(fp32, bf16), what + ": the bfloat16 pass did not run");
        double err = relative(bf16, reference);
        assertTrue(err < 0.01, what + ": bfloat16 " + err + " off");
      }
    }
  }

  @Test
  void convTranspose2dGradientInBfloat16IsBfloat16CloseOnOddOutputChannels() {
    // d(sum(y * r))/dx of a transposed convolution convolves r, which has the odd channel count:
    // measured 0.27% (53% without the extra channel)
    int cin = 8;
    int cout = 3;
    int k = 4;
    int stride = 2;
    int pad = 1;
    int h = 8;
    int oh = (h - 1) * stride - 2 * pad + k;
    float[] x = uniform(h * h * cin, 5);
    float[] w = uniform(k * k * cout * cin, 6);
    float[] r = uniform(oh * oh * cout, 7);
    double[] expected = new double[h * h * cin];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) {
        for (int c = 0; c < cin; c++) {
          double acc = 0;
          for (int ki = 0; ki < k; ki++) {
            for (int kj = 0; kj < k; kj++) {
              int yr = i * stride + ki - pad;
              int yc = j * stride + kj - pad;
              if (yr < 0 || yc < 0 || yr >= oh || yc >= oh) {
                continue;
              }
              for (int o = 0; o < cout; o++) {
                acc += (double) r[(yr * oh + yc) * cout + o] * w[((ki * k + kj) * cout + o) * cin + c];
              }
            }
          }
          expected[(i * h + j) * cin + c] = acc;
        }
      }
    }
    ParameterStore store = new ParameterStore(0);
    ConvTranspose2d layer = new ConvTranspose2d(cin, cout, k, stride, pad, 0, false, Initializer.values(w));
    try (Graph g = new Graph(); Session s = session(g, Precision.BFLOAT16)) {
      Ops tf = Ops.create(g);
      var in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, h, h, cin)));
      Operand<TFloat32> y = layer.apply(GraphContext.root(tf, store, true, Precision.BFLOAT16), in);
      var loss = tf.reduceSum(tf.math.mul(y, tf.constant(Shape.of(1, oh, oh, cout), DataBuffers.of(r))),
          tf.constant(new int[] {0, 1, 2, 3}));
      var dx = tf.identity(tf.gradients(loss, List.of(in)).<TFloat32>dy(0));
      s.initialize();
      try (var xt = TFloat32.tensorOf(Shape.of(1, h, h, cin), DataBuffers.of(x)); var out = s.runner().feed(in, xt).fetch(dx).run()) {
        double err = relative(read(out.get(0)), expected);
        if (Precision.BFLOAT16.computesHere()) {
          assertTrue(err > 1e-4 && err < 0.01, "bfloat16 gradient " + err + " off");
        } else {
          assertTrue(err < 1e-6, "float32 (bfloat16 does not run on this CPU) gradient " + err + " off");
        }
      }
    }
  }
}
