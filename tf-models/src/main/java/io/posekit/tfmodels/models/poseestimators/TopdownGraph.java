package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.nn.CpuFlags;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.weights.CheckpointLoader;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.InitCfg;
import io.posekit.tfmodels.weights.LoadReport;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.StateDictMismatchException;
import io.posekit.tfmodels.weights.TorchLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * One {@link TopdownPoseEstimator} as a TensorFlow graph and session: a training step (loss,
 * gradients by {@code Graph.addGradients}, the optimizer of an {@link OptimizerSpec} (SGD, Adam or
 * AdamW with clipping and gradient accumulation), BN running-stat updates) and a prediction path
 * (eval-mode BN, flip test as MMPose's {@code flip_heatmaps}, codec decoding).
 *
 * <p>Its state goes in and out as {@link StateDict}s under MMPose's names and PyTorch's layouts:
 * {@link #stateDict()} (parameters and BN buffers) and {@link #optimizerStateDict()} (the optimizer's
 * slots, accumulated gradients and step), so a checkpoint written from one graph resumes exactly in another. The modules'
 * {@code init_cfg}s are applied when the graph is built.
 */
public final class TopdownGraph implements AutoCloseable {
  private final TopdownPoseEstimator model;
  private final Graph graph;
  private final Session session;
  private final ParameterStore store;
  /** The optimizer's slots, apart from the model's variables. */
  private final ParameterStore optimizerStore;
  /** Per variable (model and optimizer), a placeholder and the assign that writes it. */
  private final Map<String, Assign> assigns = new LinkedHashMap<>();
  private final long seed;
  private final Shape inputShape;
  private final Shape heatmapShape;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TFloat32> targets;
  private final Placeholder<TFloat32> weights;
  private final Operand<TFloat32> loss;
  private final List<Op> trainTargets = new ArrayList<>();
  private final GraphOptimizer optimizer;
  private final Operand<TFloat32> predicted;
  private final Precision precision;
  /** Mixed-precision training only: the loss scale fed per step, and whether the step's unscaled gradients are all finite. */
  private final Placeholder<TFloat32> lossScale;
  private final Operand<TBool> gradientsFinite;

  /**
   * {@code training} false builds the prediction path only: no loss, gradients or optimizer.
   * {@code optimizerSpec} chooses the optimizer once the trainable parameters are known (training
   * graphs only; null for the prediction path).
   */
  TopdownGraph(TopdownPoseEstimator model, int batchSize, int height, int width, int[] flipIndices, long seed,
      boolean training, Precision precision, Device device, Function<List<Parameter>, OptimizerSpec> optimizerSpec) {
    this.model = model;
    this.seed = seed;
    OneDnn.enable(); // before the graph: TensorFlow reads the switch when it loads
    this.precision = precision;
    if (precision.isMixed() && !precision.computesHere()) {
      warnOnce(precision.dtype() + " was asked for, but TensorFlow's mixed-precision pass does not run here ("
          + (precision == Precision.BFLOAT16 ? "it needs TensorFlow's oneDNN kernels, off in this process: "
              + OneDnn.VARIABLE + "=0, or single-image inference on a CPU where TensorFlow does not enable them"
              : "float16 needs a CUDA GPU and the -Pgpu build")
          + "): the model computes in float32; loss scaling, if any, still applies");
    } else if (precision == Precision.BFLOAT16 && !CpuFlags.hasNativeBfloat16() && !CpuFlags.get().isEmpty()) {
      warnOnce("bfloat16 on this CPU (no AVX512_BF16, AMX-BF16 or AVX-NE-CONVERT) is emulated by oneDNN,"
          + " several times slower than float32 (docs/benchmarks.md): use it to check accuracy, not for speed");
    }
    this.graph = new Graph();
    Session created = null;
    try {
      Ops tf = device.place(Ops.create(graph));
      this.store = new ParameterStore(seed);
      this.optimizerStore = new ParameterStore(seed);
      this.inputShape = Shape.of(batchSize, height, width, 3);
      this.images = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));

      if (!training) {
        this.targets = null;
        this.weights = null;
        this.loss = null;
        this.optimizer = null;
        this.lossScale = null;
        this.gradientsFinite = null;
      } else {
        GraphContext train = GraphContext.root(tf, store, true, precision);
        Operand<TFloat32> trainHeatmaps = model.heatmaps(train, model.preprocess(train, images));
        Shape trainShape = trainHeatmaps.shape();
        this.targets = tf.placeholder(TFloat32.class, Placeholder.shape(trainShape));
        this.weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batchSize, trainShape.size(3))));
        this.loss = model.head().loss().compute(tf, trainHeatmaps, targets, weights);
        List<Op> bnUpdates = List.copyOf(store.updateOps());

        List<Parameter> trainable = store.trainable();
        List<Operand<TFloat32>> grads = new ArrayList<>();
        List<Op> gradOps = new ArrayList<>();
        if (!precision.isMixed()) {
          this.lossScale = null;
          var gradients = tf.gradients(loss, trainable.stream().map(Parameter::variable).toList());
          for (int i = 0; i < trainable.size(); i++) {
            var g = tf.identity(gradients.<TFloat32>dy(i));
            grads.add(g);
            gradOps.add(g);
          }
        } else {
          // PyTorch's GradScaler: backward from loss * scale, unscale; the optimizer skips a step
          // whose gradients are not all finite
          this.lossScale = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
          var gradients = tf.gradients(tf.math.mul(loss, lossScale), trainable.stream().map(Parameter::variable).toList());
          var inverse = tf.math.div(tf.constant(1f), lossScale);
          for (int i = 0; i < trainable.size(); i++) {
            var g = tf.math.mul(gradients.<TFloat32>dy(i), inverse);
            grads.add(g);
            gradOps.add(g);
          }
        }
        // every update waits for all gradients, so no update overwrites a weight backprop still reads
        this.optimizer = new GraphOptimizer(tf.withControlDependencies(gradOps), optimizerStore, trainable, grads,
            optimizerSpec.apply(trainable), precision.isMixed());
        this.gradientsFinite = optimizer.finite();
        trainTargets.addAll(bnUpdates);
      }

      GraphContext eval = GraphContext.root(tf, store, false, precision);
      Operand<TFloat32> inputs = model.preprocess(eval, images);
      Operand<TFloat32> heatmaps = model.heatmaps(eval, inputs);
      this.heatmapShape = heatmaps.shape();
      int k = (int) heatmapShape.size(3);
      TestCfg cfg = model.testCfg();
      if (cfg.flipTest()) {
        if (flipIndices == null || flipIndices.length != k) {
          throw new IllegalArgumentException("flip test needs " + k + " flip indices");
        }
        Operand<TFloat32> flipped = model.heatmaps(eval, tf.reverse(inputs, tf.constant(new int[] {2})));
        heatmaps = tf.math.mul(tf.math.add(heatmaps, flipBack(tf, flipped, flipIndices, cfg.shiftHeatmap())), tf.constant(0.5f));
      }
      this.predicted = heatmaps;
      for (ParameterStore s : List.of(store, optimizerStore)) {
        for (Parameter p : s.parameters().values()) {
          var value = tf.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
          assigns.put(p.name(), new Assign(value, tf.assign(p.variable(), value)));
        }
      }
      created = new Session(graph, sessionConfig(precision));
      this.session = created;
      session.initialize();
      applyInitCfg();
    } catch (RuntimeException e) {
      if (created != null) {
        created.close();
      }
      graph.close();
      throw e;
    }
  }

  private static final AtomicBoolean WARNED_PRECISION = new AtomicBoolean();

  /** Once per JVM: the precision asked for does not compute as fast or as low as asked here. */
  private static void warnOnce(String message) {
    if (WARNED_PRECISION.compareAndSet(false, true)) {
      org.slf4j.LoggerFactory.getLogger(TopdownGraph.class).warn(message);
    }
  }

  private record Assign(Placeholder<TFloat32> value, Op op) {}

  /** The session's options: the precision's Grappler pass. */
  static ConfigProto sessionConfig(Precision precision) {
    RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
    precision.configure(rewrites);
    return ConfigProto.newBuilder()
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites))
        .build();
  }

  public Precision precision() {
    return precision;
  }

  /**
   * MMEngine's {@code init_weights} order: the estimator's initialisers, then each child's
   * initialisers and its Pretrained, then the estimator's Pretrained last.
   */
  private void applyInitCfg() {
    List<InitCfg> own = model.initCfg();
    own.stream().filter(c -> !c.isPretrained()).forEach(c -> initialise(c, ""));
    Map<String, List<InitCfg>> children = new LinkedHashMap<>();
    children.put("backbone.", model.backbone().initCfg());
    model.neck().ifPresent(n -> children.put("neck.", n.initCfg()));
    children.put("head.", model.head().initCfg());
    children.forEach((scope, cfgs) -> {
      cfgs.stream().filter(c -> !c.isPretrained()).forEach(c -> initialise(c, scope));
      cfgs.stream().filter(InitCfg::isPretrained).forEach(c -> loadPretrained(c, scope));
    });
    own.stream().filter(InitCfg::isPretrained).forEach(c -> loadPretrained(c, ""));
  }

  /** Redraws the weights and biases of the layers under {@code scope} that {@code cfg} names. */
  private void initialise(InitCfg cfg, String scope) {
    Map<String, FloatArray> values = new LinkedHashMap<>();
    for (Parameter p : store.parameters().values()) {
      int dot = p.name().lastIndexOf('.');
      String leaf = p.name().substring(dot + 1);
      if (!p.name().startsWith(scope) || p.buffer() || !cfg.appliesTo(p.module())
          || !(leaf.equals("weight") || leaf.equals("bias"))) {
        continue;
      }
      Parameter weight = store.parameters().get(p.name().substring(0, dot + 1) + "weight");
      long[] weightShape = TorchLayout.torchShape(weight.shape().asArray());
      Random random = new Random(seed * 1_000_003L + p.name().hashCode());
      FloatArray torch = cfg.initialise(leaf, TorchLayout.torchShape(p.shape().asArray()), weightShape, random);
      values.put(p.name(), TorchLayout.toTensorFlow(torch));
    }
    write(values);
  }

  /** MMEngine's PretrainedInit: the checkpoint (under {@code prefix}) into {@code scope}, non-strict, logged. */
  private void loadPretrained(InitCfg cfg, String scope) {
    StateDict weights = CheckpointLoader.readStateDict(cfg.checkpoint(), cfg.prefix());
    String source = cfg.where() + " (" + cfg.checkpoint() + ")";
    LoadReport report = loadStateDict(weights, scope, false, source);
    if (!report.isClean()) {
      org.slf4j.LoggerFactory.getLogger(TopdownGraph.class).warn(report.describe(source));
    }
  }

  /** The model's parameters and buffers by PyTorch name, in PyTorch layout: {@code model.state_dict()}. */
  public StateDict stateDict() {
    StateDict out = new StateDict();
    read(store).forEach((name, tf) -> out.put(name, TorchLayout.toTorch(tf)));
    return out;
  }

  /**
   * {@code model.load_state_dict(weights, strict)} for keys named from the estimator's root
   * ({@code backbone.conv1.weight}). {@code num_batches_tracked} entries are accepted and ignored.
   * Strict: any missing or unexpected key or shape mismatch is an error listing all of them, and
   * nothing is written. Not strict: every matching entry is written, the rest reported.
   */
  public LoadReport loadStateDict(StateDict weights, boolean strict, String source) {
    return loadStateDict(weights, "", strict, source);
  }

  /** As {@link #loadStateDict(StateDict, boolean, String)} for a submodule: keys relative to {@code scope} ({@code "backbone."}). */
  public LoadReport loadStateDict(StateDict weights, String scope, boolean strict, String source) {
    Map<String, Parameter> params = store.parameters();
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    Map<String, FloatArray> values = new LinkedHashMap<>();
    for (Map.Entry<String, FloatArray> e : weights.asMap().entrySet()) {
      String name = scope + e.getKey();
      Parameter p = params.get(name);
      if (p == null) {
        if (!e.getKey().endsWith("num_batches_tracked")) {
          unexpected.add(e.getKey());
        }
        continue;
      }
      long[] expected = TorchLayout.torchShape(p.shape().asArray());
      if (!e.getValue().sameShape(expected)) {
        mismatched.add("size mismatch for " + e.getKey() + ": copying a param with shape "
            + FloatArray.shapeString(e.getValue().shape()) + " from checkpoint, the shape in current model is "
            + FloatArray.shapeString(expected));
        continue;
      }
      values.put(name, TorchLayout.toTensorFlow(e.getValue()));
    }
    for (String name : params.keySet()) {
      if (name.startsWith(scope) && !weights.contains(name.substring(scope.length()))) {
        missing.add(name.substring(scope.length()));
      }
    }
    LoadReport report = new LoadReport(missing, unexpected, mismatched);
    if (strict && !report.isClean()) {
      throw new StateDictMismatchException(source, report);
    }
    write(values);
    return report;
  }

  /** MMPose's {@code load_from}: a whole-model checkpoint (path or cached URL), {@code module.} stripped. */
  public LoadReport loadCheckpoint(String filename, boolean strict) {
    return loadStateDict(CheckpointLoader.readStateDict(filename), strict, CheckpointLoader.resolve(filename).toString());
  }

  /**
   * The optimizer's state as PyTorch keeps it per parameter, keyed by the parameter's name
   * ({@code <param>.momentum_buffer}, {@code <param>.exp_avg}, {@code <param>.exp_avg_sq},
   * {@code <param>.max_exp_avg_sq}; PyTorch layout), the gradients accumulated so far in an
   * accumulation window ({@code <param>.grad_accum}), plus {@code step}.
   */
  public StateDict optimizerStateDict() {
    requireTraining();
    if (optimizer.step() > (1L << 24)) {
      throw new IllegalStateException("step " + optimizer.step() + " does not fit a float exactly");
    }
    StateDict out = new StateDict();
    read(optimizerStore).forEach((name, tf) -> out.put(name.substring("optimizer.".length()), TorchLayout.toTorch(tf)));
    out.put("step", FloatArray.scalar(optimizer.step()));
    return out;
  }

  /** Restores {@link #optimizerStateDict()} output, strictly: every moment and the step must be there. */
  public void loadOptimizerStateDict(StateDict state, String source) {
    requireTraining();
    StateDict slots = new StateDict();
    state.asMap().forEach((k, v) -> {
      if (!k.equals("step")) {
        slots.put(k, v);
      }
    });
    FloatArray step = state.get("step");
    Map<String, Parameter> params = optimizerStore.parameters();
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    Map<String, FloatArray> values = new LinkedHashMap<>();
    if (step == null || step.rank() != 0 || step.values()[0] < 0 || step.values()[0] != Math.rint(step.values()[0])) {
      missing.add("step (a non-negative whole scalar)");
    }
    slots.asMap().forEach((k, v) -> {
      Parameter p = params.get("optimizer." + k);
      if (p == null) {
        unexpected.add(k);
      } else if (!v.sameShape(TorchLayout.torchShape(p.shape().asArray()))) {
        mismatched.add("size mismatch for " + k + ": " + FloatArray.shapeString(v.shape()) + " in the state, "
            + FloatArray.shapeString(TorchLayout.torchShape(p.shape().asArray())) + " in the optimizer");
      } else {
        values.put(p.name(), TorchLayout.toTensorFlow(v));
      }
    });
    params.keySet().stream().map(n -> n.substring("optimizer.".length())).filter(n -> !slots.contains(n)).forEach(missing::add);
    LoadReport report = new LoadReport(missing, unexpected, mismatched);
    if (!report.isClean()) {
      throw new StateDictMismatchException(source + " (optimizer state)", report);
    }
    write(values);
    optimizer.setStep((long) step.values()[0]);
  }

  /** Current values of every variable of {@code s}, TensorFlow layout, in creation order. */
  private Map<String, FloatArray> read(ParameterStore s) {
    List<Parameter> params = List.copyOf(s.parameters().values());
    Map<String, FloatArray> out = new LinkedHashMap<>();
    if (params.isEmpty()) {
      return out;
    }
    var runner = session.runner();
    params.forEach(p -> runner.fetch(p.variable()));
    try (var result = runner.run()) {
      for (int i = 0; i < params.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] values = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(values);
        out.put(params.get(i).name(), new FloatArray(params.get(i).shape().asArray(), values));
      }
    }
    return out;
  }

  /** Writes TensorFlow-layout values into the variables they name, in one session run. */
  private void write(Map<String, FloatArray> values) {
    if (values.isEmpty()) {
      return;
    }
    List<TFloat32> feeds = new ArrayList<>();
    try {
      var runner = session.runner();
      values.forEach((name, v) -> {
        Assign a = assigns.get(name);
        TFloat32 t = TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(v.values()));
        feeds.add(t);
        runner.feed(a.value(), t).addTarget(a.op());
      });
      runner.run().close();
    } finally {
      feeds.forEach(TFloat32::close);
    }
  }

  /** MMPose's {@code flip_heatmaps(mode='heatmap')}: mirror, swap symmetric keypoints, shift right by one. */
  static Operand<TFloat32> flipBack(Ops tf, Operand<TFloat32> heatmaps, int[] flipIndices, boolean shift) {
    Operand<TFloat32> h = tf.reverse(heatmaps, tf.constant(new int[] {2}));
    h = tf.gather(h, tf.constant(flipIndices), tf.constant(3));
    if (shift) {
      // heatmaps[..., 1:] = heatmaps[..., :-1]: column 0 stays, the rest move one to the right
      Shape s = heatmaps.shape();
      int b = (int) s.size(0);
      int hh = (int) s.size(1);
      int w = (int) s.size(2);
      int c = (int) s.size(3);
      var first = tf.slice(h, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {b, hh, 1, c}));
      var rest = tf.slice(h, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {b, hh, w - 1, c}));
      h = tf.concat(List.of(first, rest), tf.constant(2));
    }
    return h;
  }

  /** Runs one training step on a batch (float32 graphs, one param group); returns the loss before the update. */
  public float trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights, double learningRate) {
    if (precision.isMixed()) {
      throw new IllegalStateException("a " + precision.dtype() + " graph trains with a loss scale: use trainStep(..., lossScale)");
    }
    return trainStep(batchImages, targetHeatmaps, keypointWeights, learningRate, 1.0).loss();
  }

  /** One step at {@code learningRate} for a one-group optimizer without weight decay or accumulation. */
  public StepResult trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights, double learningRate,
      double lossScale) {
    requireTraining();
    OptimizerSpec spec = optimizer.spec();
    if (spec.numGroups() != 1 || spec.weightDecay() || spec.accumulativeCounts() != 1) {
      throw new IllegalStateException("this graph's optimizer has " + spec.numGroups() + " param group(s), weight decay "
          + spec.weightDecay() + ", accumulative_counts " + spec.accumulativeCounts() + ": feed it with a StepFeed");
    }
    return trainStep(batchImages, targetHeatmaps, keypointWeights,
        new GraphOptimizer.StepFeed(new double[] {learningRate}, new double[] {0}, true, 1), lossScale);
  }

  /**
   * The loss of an iteration (unscaled, before the update), whether the update was applied (false
   * when gradients were not all finite, and on iterations that only accumulate), and the total
   * gradient norm before clipping (NaN without {@code clip_grad} or when not stepping).
   */
  public record StepResult(float loss, boolean applied, double gradNorm) {}

  /**
   * One training iteration with the loss multiplied by {@code lossScale} before backward (mixed
   * precision; float32 graphs need 1): the gradients go into the accumulation window, and with
   * {@code feed.update()} the optimizer steps on the window. When an unscaled gradient of the window
   * is infinite or NaN the weights and the optimizer's state are left as they were and the step
   * does not count, as GradScaler skips {@code optimizer.step()}; BN's running statistics are
   * updated either way, as in PyTorch.
   */
  public StepResult trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights,
      GraphOptimizer.StepFeed feed, double lossScale) {
    requireTraining();
    if (!precision.isMixed() && lossScale != 1.0) {
      throw new IllegalArgumentException("loss scaling needs a mixed-precision graph; this one is float32");
    }
    if (!(lossScale > 0) || Double.isInfinite(lossScale)) {
      throw new IllegalArgumentException("loss scale must be positive and finite, got " + lossScale);
    }
    List<AutoCloseable> feeds = new ArrayList<>();
    try (var x = tensor(inputShape, batchImages);
        var t = tensor(heatmapShape, targetHeatmaps);
        var w = tensor(Shape.of(heatmapShape.size(0), heatmapShape.size(3)), keypointWeights)) {
      var runner = session.runner().feed(images, x).feed(targets, t).feed(weights, w).fetch(loss);
      if (this.lossScale != null) {
        TFloat32 scale = TFloat32.scalarOf((float) lossScale);
        feeds.add(scale);
        runner.feed(this.lossScale, scale);
      }
      boolean checkFinite = feed.update() && gradientsFinite != null;
      boolean fetchNorm = feed.update() && optimizer.gradNorm() != null;
      if (checkFinite) {
        runner.fetch(gradientsFinite);
      }
      if (fetchNorm) {
        runner.fetch(optimizer.gradNorm());
      }
      trainTargets.forEach(runner::addTarget);
      optimizer.targets(feed.update()).forEach(runner::addTarget);
      optimizer.feed(runner, feed, feeds);
      try (var result = runner.run()) {
        boolean applied = feed.update() && (!checkFinite || ((TBool) result.get(1)).getBoolean());
        if (applied) {
          optimizer.commit();
        }
        double norm = fetchNorm ? ((TFloat32) result.get(checkFinite ? 2 : 1)).getFloat() : Double.NaN;
        return new StepResult(((TFloat32) result.get(0)).getFloat(), applied, norm);
      }
    } finally {
      for (AutoCloseable c : feeds) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("could not release a tensor", e);
        }
      }
    }
  }

  /** Predicted (flip-averaged when flip test is on) heatmaps, NHWC, row-major. */
  public float[] predictHeatmaps(float[] batchImages) {
    try (var x = tensor(inputShape, batchImages);
        var result = session.runner().feed(images, x).fetch(predicted).run()) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[(int) out.size()];
      out.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  /**
   * Runs {@link #predictHeatmaps} once and returns the graphs TensorFlow executed for it, after
   * Grappler's and oneDNN's rewrites (which convolutions got BN and ReLU fused in, what stayed a
   * separate op): for profiling, see the benchmarks module's {@code ModelThroughput dump}.
   */
  public RunMetadata predictionRunMetadata(float[] batchImages) {
    try (var x = tensor(inputShape, batchImages);
        var result = session.runner().feed(images, x).fetch(predicted)
            .setOptions(RunOptions.newBuilder().setOutputPartitionGraphs(true).build()).runAndFetchMetadata()) {
      return result.getMetadata().orElseThrow();
    }
  }

  /** Keypoints in model-input pixels and scores per image, decoded by the head's decoder. */
  public List<DecodedKeypoints> predict(float[] batchImages) {
    KeypointCodec codec = model.head().decoder()
        .orElseThrow(() -> new IllegalStateException("the head has no decoder to turn heatmaps into keypoints"));
    float[] nhwc = predictHeatmaps(batchImages);
    List<DecodedKeypoints> out = new ArrayList<>();
    for (int b = 0; b < heatmapShape.size(0); b++) {
      out.add(codec.decode(toChw(nhwc, b)));
    }
    return out;
  }

  /** One sample of NHWC heatmaps as a codec's (K, H, W) stack. */
  public Heatmaps toChw(float[] nhwc, int sample) {
    int h = (int) heatmapShape.size(1);
    int w = (int) heatmapShape.size(2);
    int k = (int) heatmapShape.size(3);
    Heatmaps hm = Heatmaps.zeros(k, h, w);
    int base = sample * h * w * k;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < k; c++) {
          hm.set(c, y, x, nhwc[base + (y * w + x) * k + c]);
        }
      }
    }
    return hm;
  }

  private static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values));
  }

  public Shape heatmapShape() {
    return heatmapShape;
  }

  public ParameterStore parameters() {
    return store;
  }

  /** The optimizer's slot variables ({@code optimizer.<param>.exp_avg}, ...). */
  public ParameterStore optimizerParameters() {
    return optimizerStore;
  }

  /** Training steps taken (restored by {@link #loadOptimizerStateDict}). */
  public long step() {
    requireTraining();
    return optimizer.step();
  }

  /** Whether this graph has the training step (built by {@code buildGraph}, not {@code buildInferenceGraph}). */
  public boolean hasTraining() {
    return optimizer != null;
  }

  private void requireTraining() {
    if (optimizer == null) {
      throw new IllegalStateException("this graph was built for inference only (buildInferenceGraph);"
          + " build it with buildGraph to train or to use optimizer state");
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
