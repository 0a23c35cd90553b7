package io.posekit.benchmarks;

import io.posekit.tfmodels.nn.OneDnn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;

/**
 * The reference point for {@link ModelThroughput}'s SimpleBaseline ResNet-50 inference: the same
 * network (33,999,697 parameters) written directly on TensorFlow's ops, with no registry, layers or
 * preprocessing, and one way of building each piece switchable, so each difference between it and
 * {@code TopdownGraph}'s graph can be timed on its own in back-to-back pairs.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.posekit.benchmarks.BareGraphThroughput
 * [batch] [warm-up] [timed] [key=value ...]} with keys (first value the default):
 * <ul>
 *   <li>{@code pad=same|explicit|pad}: the stride-2 3x3/7x7 convolutions with TF's SAME (asymmetric,
 *       not PyTorch's numbers), EXPLICIT symmetric padding, or a separate Pad op then VALID</li>
 *   <li>{@code down=strided|slice}: the stride-2 1x1 downsample convolutions as a strided convolution,
 *       or a strided slice then a stride-1 convolution (the oneDNN workaround in {@code Conv2d})</li>
 *   <li>{@code pool=same|pad}: the 3x3/2 max pool with SAME or a -inf Pad then VALID</li>
 *   <li>{@code deconv=same|slice}: the 4x4/2 transposed convolutions with SAME output size, or the full
 *       VALID output then a Slice (PyTorch's padding=1 either way)</li>
 *   <li>{@code pre=none|graph}: PoseDataPreprocessor's channel reverse and (x - mean) / std in the graph</li>
 *   <li>{@code bn=fused|fold}: eval-mode BN after a convolution as FusedBatchNorm, or folded into the
 *       convolution (weights times gamma / sqrt(var + eps), then a BiasAdd), which lets oneDNN fuse a
 *       following residual Add and ReLU too</li>
 *   <li>{@code weights=var|const}: weights as variables or as graph constants</li>
 *   <li>{@code intra=0|N}, {@code inter=0|N}: the session's intra-/inter-op thread pools (0: TensorFlow's default, one per core)</li>
 *   <li>{@code dump=false|true}: print the op types of the graph TensorFlow actually ran (after Grappler and oneDNN's rewrite)</li>
 *   <li>{@code train=false|true}: time a training step instead: BN on batch statistics, a mean squared
 *       error against fed targets, {@code Graph.addGradients} and one {@code ApplyAdam} per trainable
 *       variable, as {@code ModelThroughput ... train} does for the model built through the registry</li>
 * </ul>
 */
public final class BareGraphThroughput {
  private final Ops tf;
  private final Map<String, String> opt;
  private final SplittableRandom random = new SplittableRandom(1);
  private long parameters;
  /** Weights and BN scales/offsets (not running statistics), which a training step updates. */
  private final List<Variable<TFloat32>> trainable = new ArrayList<>();

  private BareGraphThroughput(Ops tf, Map<String, String> opt) {
    this.tf = tf;
    this.opt = opt;
  }

  public static void main(String[] args) {
    OneDnn.enable(); // before TensorFlow loads, as the runtime does
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Map<String, String> opt = new TreeMap<>(Map.ofEntries(Map.entry("pad", "same"), Map.entry("down", "strided"),
        Map.entry("pool", "same"), Map.entry("deconv", "same"), Map.entry("pre", "none"), Map.entry("weights", "var"),
        Map.entry("bn", "fused"), Map.entry("dump", "false"), Map.entry("intra", "0"), Map.entry("inter", "0"),
        Map.entry("train", "false")));
    for (int i = 3; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv.length != 2 || !opt.containsKey(kv[0])) {
        throw new IllegalArgumentException("expected key=value with key in " + opt.keySet() + ", got " + args[i]);
      }
      opt.put(kv[0], kv[1]);
    }
    if (Boolean.parseBoolean(opt.get("train")) && (opt.get("bn").equals("fold") || opt.get("weights").equals("const"))) {
      throw new IllegalArgumentException("train=true trains variables with BN on batch statistics: not with bn=fold or weights=const");
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      BareGraphThroughput net = new BareGraphThroughput(tf, opt);
      Shape inputShape = Shape.of(batch, 256, 192, 3);
      var images = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));
      Operand<TFloat32> out = net.simpleBaseline(images);
      boolean train = Boolean.parseBoolean(opt.get("train"));
      var targets = tf.placeholder(TFloat32.class, Placeholder.shape(out.shape()));
      Operand<TFloat32> loss = out;
      List<Op> updates = new ArrayList<>();
      if (train) {
        loss = tf.math.mean(tf.math.squaredDifference(out, targets), tf.constant(new int[] {0, 1, 2, 3}));
        updates = net.adam(loss);
      }
      System.out.printf(Locale.ROOT, "bare SimpleBaseline ResNet-50: %,d parameters, batch %d, %s, output %s%n",
          net.parameters, batch, opt, out.shape());
      float[] data = new float[(int) inputShape.size()];
      SplittableRandom r = new SplittableRandom(0);
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) r.nextDouble(255.0);
      }
      ConfigProto config = ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(Integer.parseInt(opt.get("intra")))
          .setInterOpParallelismThreads(Integer.parseInt(opt.get("inter")))
          .build();
      float[] targetData = new float[(int) out.shape().size()];
      for (int i = 0; i < targetData.length; i++) {
        targetData[i] = (float) r.nextDouble();
      }
      Operand<TFloat32> fetched = loss;
      List<Op> stepTargets = updates;
      try (Session session = new Session(graph, config);
          TFloat32 x = TFloat32.tensorOf(inputShape, DataBuffers.of(data));
          TFloat32 y = TFloat32.tensorOf(out.shape(), DataBuffers.of(targetData))) {
        session.initialize();
        if (Boolean.parseBoolean(opt.get("dump"))) {
          dump(session, images, x, out);
        }
        Runnable step = () -> {
          var runner = session.runner().feed(images, x).feed(targets, y).fetch(fetched);
          stepTargets.forEach(runner::addTarget);
          runner.run().close();
        };
        for (int i = 0; i < warmup; i++) {
          step.run();
        }
        long cpuStart = ModelThroughput.processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          step.run();
        }
        double imgPerSecond = batch * steps / ((System.nanoTime() - start) / 1e9);
        double imgPerCpuSecond = batch * steps / ((ModelThroughput.processCpuNanos() - cpuStart) / 1e9);
        System.out.printf(Locale.ROOT, "bare res50 %s: %.2f img/s (%.1f GFLOP/s); %.2f img per CPU-second%n",
            train ? "train step" : "inference", imgPerSecond, imgPerSecond * 10.92 * (train ? 3 : 1), imgPerCpuSecond);
      }
    }
  }

  /** Prints how many ops of each type the executed (optimised, partitioned) graph has. */
  static void dump(Session session, Operand<TFloat32> input, TFloat32 x, Operand<TFloat32> out) {
    var runner = session.runner().feed(input, x).fetch(out)
        .setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build());
    try (var result = runner.runAndFetchMetadata()) {
      printOpCounts(result.getMetadata().orElseThrow());
    }
  }

  /** Op types (with their fused ops) of the partition graphs TensorFlow executed, counted. */
  static void printOpCounts(RunMetadata metadata) {
    Map<String, Integer> counts = new TreeMap<>();
    for (GraphDef g : metadata.getPartitionGraphsList()) {
      for (NodeDef n : g.getNodeList()) {
        String fused = !n.containsAttr("fused_ops") ? "" : n.getAttrOrThrow("fused_ops").getList().getSList().stream()
            .map(b -> b.toStringUtf8()).toList().toString();
        counts.merge(n.getOp() + fused, 1, Integer::sum);
      }
    }
    counts.forEach((op, n) -> System.out.printf(Locale.ROOT, "  %4d %s%n", n, op));
  }

  private Operand<TFloat32> simpleBaseline(Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    if (opt.get("pre").equals("graph")) {
      x = tf.reverse(x, tf.constant(new int[] {3}));
      x = tf.math.div(tf.math.sub(x, tf.constant(new float[] {123.675f, 116.28f, 103.53f})),
          tf.constant(new float[] {58.395f, 57.12f, 57.375f}));
    }
    x = tf.nn.relu(convBn(x, 3, 64, 7, 2));
    x = maxPool(x);
    int in = 64;
    int[][] stages = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
    for (int[] s : stages) {
      for (int i = 0; i < s[1]; i++) {
        int stride = i == 0 ? s[2] : 1;
        x = bottleneck(x, in, s[0], stride);
        in = s[0] * 4;
      }
    }
    for (int i = 0; i < 3; i++) {
      x = tf.nn.relu(bn(deconv(x, in, 256)));
      in = 256;
    }
    var w = weight(Shape.of(1, 1, 256, 17), 256);
    return tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "VALID"), weight(Shape.of(17), 1));
  }

  /** One Adam update per trainable variable (slots as variables, bias corrections as constants). */
  private List<Op> adam(Operand<TFloat32> loss) {
    var grads = tf.gradients(loss, trainable);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < trainable.size(); i++) {
      Variable<TFloat32> v = trainable.get(i);
      var m = tf.withInitScope().variable(tf.zeros(tf.constant(v.shape()), TFloat32.class));
      var s2 = tf.withInitScope().variable(tf.zeros(tf.constant(v.shape()), TFloat32.class));
      updates.add(tf.train.applyAdam(v, m, s2, tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-3f),
          tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-8f), grads.<TFloat32>dy(i)));
    }
    return updates;
  }

  private Operand<TFloat32> bottleneck(Operand<TFloat32> x, int in, int planes, int stride) {
    Operand<TFloat32> identity = x;
    if (stride != 1 || in != planes * 4) {
      identity = convBn(x, in, planes * 4, 1, stride);
    }
    Operand<TFloat32> y = tf.nn.relu(convBn(x, in, planes, 1, 1));
    y = tf.nn.relu(convBn(y, planes, planes, 3, stride));
    y = convBn(y, planes, planes * 4, 1, 1);
    return tf.nn.relu(tf.math.add(y, identity));
  }

  /** A convolution then eval-mode BN; {@code bn=fold} scales the weights and adds a bias instead. */
  private Operand<TFloat32> convBn(Operand<TFloat32> x, int in, int out, int k, int stride) {
    Operand<TFloat32> w = weight(Shape.of(k, k, in, out), k * k * in);
    if (!opt.get("bn").equals("fold")) {
      return bn(conv(x, w, k, stride));
    }
    var scale = weight(Shape.of(out), -1);
    var offset = weight(Shape.of(out), 0);
    var mean = weight(Shape.of(out), 0);
    var variance = weight(Shape.of(out), -1);
    parameters -= 2L * out;
    var factor = tf.math.mul(scale, tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-5f))));
    var shift = tf.math.sub(offset, tf.math.mul(mean, factor));
    return tf.nn.biasAdd(conv(x, tf.math.mul(w, factor), k, stride), shift);
  }

  private Operand<TFloat32> conv(Operand<TFloat32> x, Operand<TFloat32> w, int k, int stride) {
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    if (k == 1 && stride > 1 && opt.get("down").equals("slice")) {
      var sampled = tf.stridedSlice(x, tf.constant(new int[4]), tf.constant(new int[4]),
          tf.constant(new int[] {1, stride, stride, 1}), StridedSlice.beginMask(15L), StridedSlice.endMask(15L));
      return tf.nn.conv2d(sampled, w, List.of(1L, 1L, 1L, 1L), "VALID");
    }
    if (k == 1 || stride == 1) {
      return tf.nn.conv2d(x, w, strides, "SAME");
    }
    long p = k / 2;
    return switch (opt.get("pad")) {
      case "same" -> tf.nn.conv2d(x, w, strides, "SAME");
      case "explicit" -> tf.nn.conv2d(x, w, strides, "EXPLICIT",
          org.tensorflow.op.nn.Conv2d.explicitPaddings(List.of(0L, 0L, p, p, p, p, 0L, 0L)));
      case "pad" -> tf.nn.conv2d(tf.pad(x, tf.constant(new long[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f)), w, strides, "VALID");
      default -> throw new IllegalArgumentException("pad=" + opt.get("pad"));
    };
  }

  private Operand<TFloat32> maxPool(Operand<TFloat32> x) {
    var k = tf.constant(new int[] {1, 3, 3, 1});
    var s = tf.constant(new int[] {1, 2, 2, 1});
    if (opt.get("pool").equals("pad")) {
      var padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), tf.constant(Float.NEGATIVE_INFINITY));
      return tf.nn.maxPool(padded, k, s, "VALID");
    }
    return tf.nn.maxPool(x, k, s, "SAME");
  }

  private Operand<TFloat32> deconv(Operand<TFloat32> x, int in, int out) {
    var w = weight(Shape.of(4, 4, out, in), 16 * in);
    int b = (int) x.shape().size(0);
    int h = (int) x.shape().size(1);
    int wd = (int) x.shape().size(2);
    List<Long> strides = List.of(1L, 2L, 2L, 1L);
    if (opt.get("deconv").equals("slice")) {
      var full = tf.nn.conv2dBackpropInput(tf.constant(new int[] {b, 2 * h + 2, 2 * wd + 2, out}), w, x, strides, "VALID");
      return tf.slice(full, tf.constant(new int[] {0, 1, 1, 0}), tf.constant(new int[] {b, 2 * h, 2 * wd, out}));
    }
    return tf.nn.conv2dBackpropInput(tf.constant(new int[] {b, 2 * h, 2 * wd, out}), w, x, strides, "SAME");
  }

  private Operand<TFloat32> bn(Operand<TFloat32> x) {
    int c = (int) x.shape().size(3);
    var scale = weight(Shape.of(c), -1);
    var offset = weight(Shape.of(c), 0);
    if (Boolean.parseBoolean(opt.get("train"))) {
      var empty = tf.constant(new float[0]);
      return tf.nn.fusedBatchNorm(x, scale, offset, empty, empty, FusedBatchNorm.isTraining(true),
          FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.dataFormat("NHWC")).y();
    }
    var mean = weight(Shape.of(c), 0);
    var variance = weight(Shape.of(c), -1);
    parameters -= 2L * c; // running statistics are buffers, not parameters
    return tf.nn.fusedBatchNorm(x, scale, offset, mean, variance, FusedBatchNorm.isTraining(false),
        FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.dataFormat("NHWC")).y();
  }

  /**
   * A weight of {@code shape}: He-normal for fan-in {@code fanIn > 0}, near 1 for BN scales and
   * variances ({@code fanIn -1}), small for BN offsets and means ({@code 0}); values only keep the
   * activations finite, the FLOPs are what is timed.
   */
  private Operand<TFloat32> weight(Shape shape, int fanIn) {
    float[] v = new float[(int) shape.size()];
    double sd = fanIn > 0 ? Math.sqrt(2.0 / fanIn) : 0.1;
    for (int i = 0; i < v.length; i++) {
      double g = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5; // about normal, sd 0.5
      v[i] = (float) (fanIn < 0 ? 1 + Math.abs(g) * sd : g * 2 * sd);
    }
    parameters += v.length;
    Operand<TFloat32> value = tf.constant(shape, DataBuffers.of(v));
    if (opt.get("weights").equals("const")) {
      return value;
    }
    Variable<TFloat32> variable = tf.withInitScope().variable(value);
    // with train=true every weight is trainable: BN then has no running statistics (see bn)
    trainable.add(variable);
    return variable;
  }
}
