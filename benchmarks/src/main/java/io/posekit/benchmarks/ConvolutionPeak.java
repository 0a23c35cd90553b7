package io.posekit.benchmarks;

import io.posekit.tfmodels.nn.OneDnn;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The rate of one large convolution in TensorFlow (oneDNN) on this CPU, as the yardstick for a whole
 * network's GFLOP/s: a 3x3 stride-1 SAME convolution, or with {@code deconv} a 4x4 stride-2
 * transposed one (the SimpleBaseline head's), C -> C channels on a batch-4 64x48 input, fp32.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.posekit.benchmarks.ConvolutionPeak [channels] [conv|deconv]}
 */
public final class ConvolutionPeak {
  public static void main(String[] args) {
    OneDnn.enable(); // before TensorFlow loads, as the runtime does
    int c = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    boolean deconv = args.length > 1 && args[1].equals("deconv");
    int b = 4;
    int h = 64;
    int w = 48;
    int k = deconv ? 4 : 3;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(b, h, w, c)));
      var weight = tf.variable(tf.random.randomStandardNormal(tf.constant(new long[] {k, k, c, c}), TFloat32.class));
      Operand<TFloat32> y = deconv
          ? tf.nn.conv2dBackpropInput(tf.constant(new int[] {b, 2 * h, 2 * w, c}), weight, x, List.of(1L, 2L, 2L, 1L), "SAME")
          : tf.nn.conv2d(x, weight, List.of(1L, 1L, 1L, 1L), "SAME");
      try (Session s = new Session(g); TFloat32 in = TFloat32.tensorOf(Shape.of(b, h, w, c))) {
        s.initialize();
        for (int i = 0; i < 2; i++) {
          s.runner().feed(x, in).fetch(y).run().close();
        }
        int steps = 5;
        long cpu = ModelThroughput.processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          s.runner().feed(x, in).fetch(y).run().close();
        }
        // a transposed convolution does the multiply-adds of the forward one it transposes (input h x w)
        double flop = 2.0 * b * h * w * c * c * k * k * steps;
        System.out.printf(Locale.ROOT, "%s %dx%d %d->%d: %.1f GFLOP/s, %.1f GFLOP per CPU-second%n",
            deconv ? "deconv stride 2" : "conv", k, k, c, c, flop / (System.nanoTime() - start),
            flop / (ModelThroughput.processCpuNanos() - cpu));
      }
    }
  }
}
