package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.codecs.NdFloats;
import io.posekit.tfmodels.nn.CpuFlags;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.nn.TrainStep;
import io.posekit.tfmodels.nn.VariableIO;
import io.posekit.tfmodels.weights.CheckpointLoader;
import io.posekit.tfmodels.weights.LoadReport;
import io.posekit.tfmodels.weights.StateDict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.types.TFloat32;

/**
 * One {@link TopdownPoseEstimator} as a TensorFlow graph and session. This class builds the graph
 * and owns the session; each concern lives in its own class: {@link TopdownTrainStep} (loss,
 * gradients, the optimizer of an {@link OptimizerSpec}: SGD, Adam or AdamW with clipping and
 * gradient accumulation, BN running-stat updates), {@link TopdownPredictor} (eval-mode BN, flip
 * test as MMPose's {@code flip_heatmaps}, codec decoding), {@link TopdownWeights} (state-dict I/O
 * and {@code init_cfg}) and {@link TopdownOptimizerState} (the optimizer's slots and step).
 *
 * <p>Its state goes in and out as {@link StateDict}s under MMPose's names and PyTorch's layouts:
 * {@link #stateDict()} (parameters and BN buffers) and {@link #optimizerStateDict()} (the optimizer's
 * slots, accumulated gradients and step), so a checkpoint written from one graph resumes exactly in another. The modules'
 * {@code init_cfg}s are applied when the graph is built.
 */
public final class TopdownGraph implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final ParameterStore store;
  /** The optimizer's slots, apart from the model's variables. */
  private final ParameterStore optimizerStore;
  private final Precision precision;
  private final TopdownTrainStep train;
  private final TopdownPredictor predictor;
  private final TopdownWeights weights;
  private final TopdownOptimizerState optimizerState;

  /**
   * {@code training} false builds the prediction path only: no loss, gradients or optimizer.
   * {@code optimizerSpec} chooses the optimizer once the trainable parameters are known (training
   * graphs only; null for the prediction path).
   */
  TopdownGraph(TopdownPoseEstimator model, int batchSize, int height, int width, int[] flipIndices, long seed,
      boolean training, Precision precision, Device device, Function<List<Parameter>, OptimizerSpec> optimizerSpec) {
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
      Shape inputShape = Shape.of(batchSize, height, width, 3);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));
      this.train = training
          ? new TopdownTrainStep(tf, model, store, optimizerStore, images, inputShape, precision, optimizerSpec,
              device.parallel())
          : null;
      this.predictor = new TopdownPredictor(tf, model, store, images, inputShape, flipIndices, precision);
      VariableIO io = new VariableIO(tf, List.of(store, optimizerStore));
      created = device.openSession(graph, sessionConfig(precision));
      this.session = created;
      session.initialize();
      this.weights = new TopdownWeights(model, store, session, io, seed);
      this.optimizerState = training ? new TopdownOptimizerState(optimizerStore, train.optimizer(), session, io) : null;
      weights.applyInitCfg();
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

  /** The model's parameters and buffers by PyTorch name, in PyTorch layout: {@code model.state_dict()}. */
  public StateDict stateDict() {
    return weights.stateDict();
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
    return this.weights.loadStateDict(weights, scope, strict, source);
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
    return optimizerState.stateDict();
  }

  /** Restores {@link #optimizerStateDict()} output, strictly: every moment and the step must be there. */
  public void loadOptimizerStateDict(StateDict state, String source) {
    requireTraining();
    optimizerState.loadStateDict(state, source);
  }

  /**
   * Runs one training step on a batch (float32 graphs, one param group) of a heatmap head, its
   * targets NHWC as {@link #predictHeatmaps} gives heatmaps; returns the loss before the update.
   */
  public float trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights, double learningRate) {
    if (precision.isMixed()) {
      throw new IllegalStateException("a " + precision.dtype() + " graph trains with a loss scale: use trainStep(..., lossScale)");
    }
    return trainStep(batchImages, targetHeatmaps, keypointWeights, learningRate, 1.0).loss();
  }

  /** One heatmap-head step at {@code learningRate} for a one-group optimizer without weight decay or accumulation. */
  public TrainStep.Result trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights, double learningRate,
      double lossScale) {
    return trainStep(batchImages, heatmapTargets(targetHeatmaps, keypointWeights), learningRate, lossScale);
  }

  /** One step at {@code learningRate} for a one-group optimizer without weight decay or accumulation. */
  public TrainStep.Result trainStep(float[] batchImages, Map<String, float[]> targets, double learningRate, double lossScale) {
    requireTraining();
    OptimizerSpec spec = train.optimizer().spec();
    if (spec.numGroups() != 1 || spec.weightDecay() || spec.accumulativeCounts() != 1) {
      throw new IllegalStateException("this graph's optimizer has " + spec.numGroups() + " param group(s), weight decay "
          + spec.weightDecay() + ", accumulative_counts " + spec.accumulativeCounts() + ": feed it with a StepFeed");
    }
    return trainStep(batchImages, targets, new GraphOptimizer.StepFeed(new double[] {learningRate}, new double[] {0}, true, 1),
        lossScale);
  }

  /** {@link #trainStep(float[], Map, GraphOptimizer.StepFeed, double)} for a heatmap head, targets NHWC. */
  public TrainStep.Result trainStep(float[] batchImages, float[] targetHeatmaps, float[] keypointWeights,
      GraphOptimizer.StepFeed feed, double lossScale) {
    return trainStep(batchImages, heatmapTargets(targetHeatmaps, keypointWeights), feed, lossScale);
  }

  /**
   * One training iteration with the loss multiplied by {@code lossScale} before backward (mixed
   * precision; float32 graphs need 1): see {@link TrainStep#run}. {@code targets} holds each codec
   * field of {@link #targetShapes()}, stacked over the batch in MMPose's layout.
   */
  public TrainStep.Result trainStep(float[] batchImages, Map<String, float[]> targets, GraphOptimizer.StepFeed feed,
      double lossScale) {
    requireTraining();
    return train.run(session, batchImages, targets, feed, lossScale);
  }

  /** The codec fields the head's loss reads and their batch shapes ({@code heatmaps} {@code [B, K, H, W]}, ...). */
  public Map<String, Shape> targetShapes() {
    requireTraining();
    return train.targetShapes();
  }

  /** {@link #targetShapes()} as plain dimension arrays, for callers without TensorFlow's ndarray types. */
  public Map<String, long[]> targetDims() {
    Map<String, long[]> dims = new java.util.LinkedHashMap<>();
    targetShapes().forEach((name, shape) -> dims.put(name, shape.asArray()));
    return dims;
  }

  /** NHWC target heatmaps as the codec's {@code heatmaps} field {@code [B, K, H, W]}, with the weights. */
  private Map<String, float[]> heatmapTargets(float[] nhwc, float[] keypointWeights) {
    Shape s = targetShapes().get(EncodedTargets.HEATMAPS);
    if (s == null) {
      throw new IllegalStateException("the head's loss reads " + targetShapes().keySet() + ", not heatmaps");
    }
    int b = (int) s.size(0);
    int k = (int) s.size(1);
    int hw = (int) (s.size(2) * s.size(3));
    if (nhwc.length != b * k * hw) {
      throw new IllegalArgumentException("target heatmaps have " + nhwc.length + " values, the graph takes " + s);
    }
    float[] nchw = new float[nhwc.length];
    for (int n = 0; n < b; n++) {
      for (int p = 0; p < hw; p++) {
        for (int c = 0; c < k; c++) {
          nchw[(n * k + c) * hw + p] = nhwc[(n * hw + p) * k + c];
        }
      }
    }
    return Map.of(EncodedTargets.HEATMAPS, nchw, EncodedTargets.KEYPOINT_WEIGHTS, keypointWeights);
  }

  /** The head's first (flip-averaged when flip test is on) output in graph layout: a heatmap head's heatmaps, NHWC, row-major. */
  public float[] predictHeatmaps(float[] batchImages) {
    return predictor.predictHeatmaps(session, batchImages);
  }

  /**
   * Runs {@link #predictHeatmaps} once and returns the graphs TensorFlow executed for it, after
   * Grappler's and oneDNN's rewrites (which convolutions got BN and ReLU fused in, what stayed a
   * separate op): for profiling, see the benchmarks module's {@code ModelThroughput dump}.
   */
  public RunMetadata predictionRunMetadata(float[] batchImages) {
    return predictor.predictionRunMetadata(session, batchImages);
  }

  /**
   * The head's (flip-averaged) outputs per image in the layout its codec decodes (MMPose's, no
   * batch axis): a heatmap head's {@code (K, H, W)}, SimCC's {@code (K, Wx)} and {@code (K, Hy)}.
   */
  public List<List<NdFloats>> predictOutputs(float[] batchImages) {
    return predictor.predictOutputs(session, batchImages);
  }

  /** Keypoints in model-input pixels and scores per image, decoded by the head's decoder. */
  public List<DecodedKeypoints> predict(float[] batchImages) {
    return predictor.predict(session, batchImages);
  }

  /** One sample of NHWC heatmaps as a codec's (K, H, W) stack. */
  public Heatmaps toChw(float[] nhwc, int sample) {
    return predictor.toChw(nhwc, sample);
  }

  /** The shape of the head's first output in graph layout (a heatmap head's [B, H, W, K]). */
  public Shape heatmapShape() {
    return predictor.heatmapShape();
  }

  /** The shapes of the head's outputs in graph layout. */
  public List<Shape> outputShapes() {
    return predictor.outputShapes();
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
    return train.optimizer().step();
  }

  /** Whether this graph has the training step (built by {@code buildGraph}, not {@code buildInferenceGraph}). */
  public boolean hasTraining() {
    return train != null;
  }

  private void requireTraining() {
    if (train == null) {
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
