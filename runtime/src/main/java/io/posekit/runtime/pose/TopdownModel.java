package io.posekit.runtime.pose;

import io.posekit.runtime.engine.model.TrainableModel;
import io.posekit.runtime.engine.optim.Adam;
import io.posekit.runtime.engine.optim.GraphIteration;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.OptimizerSlots;
import io.posekit.runtime.engine.optim.ParamGroups;
import io.posekit.runtime.engine.optim.ParamState;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.TorchLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.ndarray.Shape;

/**
 * A {@link TopdownPoseEstimator}'s {@link TopdownGraph} as the engine's model. The graph owns the
 * weights and runs backward and the optimizer in one session call: the optimizer wrapper the
 * config asks for ({@code SGD}, {@code Adam} or {@code AdamW}, {@code paramwise_cfg},
 * {@code clip_grad}, {@code accumulative_counts}) is built first, over this model's parameters,
 * and the graph is built to do what it does ({@link OptimWrapper#graphSpec()}); a train step feeds
 * the learning rates and weight decays the engine's schedulers set on the wrapper's param groups.
 * The optimizer's state stays in the graph; the wrapper's optimizer reads and writes it for its
 * {@code state_dict} ({@link OptimizerSlots}).
 *
 * <p>The engine checkpoints and restores flat arrays: parameters, and as buffers the BN
 * statistics, in PyTorch layout under MMPose's names. The arrays mirror the graph lazily: a train step makes the
 * graph newer (the next {@link #parameters()} or {@link #buffers()} reads it back); handing the arrays
 * out lets the caller write them (loading a checkpoint), so the next graph use writes them back.
 */
public final class TopdownModel implements TrainableModel<PoseBatch> {
  private enum Sync { IN_SYNC, GRAPH_NEWER, ARRAYS_HANDED_OUT }

  private final TopdownGraph graph;
  private final KeypointCodec codec;
  private final int batchSize;
  private final int numKeypoints;
  private final List<Parameter> parameters = new ArrayList<>();
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final Map<String, float[]> buffers = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private final Map<String, long[]> slotShapes = new LinkedHashMap<>();
  private final OptimWrapper optimWrapper;
  private final OptimizerSpec optimizerSpec;
  private Sync sync = Sync.IN_SYNC;
  private boolean training = true;

  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed) {
    this(estimator, batchSize, flipIndices, seed, Precision.FLOAT32);
  }

  /** With the graph computing in {@code precision} (an {@code AmpOptimWrapper}'s dtype); weights stay float32. */
  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed, Precision precision) {
    this(estimator, batchSize, flipIndices, seed, precision, Device.AUTO);
  }

  /** With the graph placed on {@code device} (the config's {@code device}), training with PyTorch's default Adam. */
  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed, Precision precision, Device device) {
    this(estimator, batchSize, flipIndices, seed, precision, device, TopdownModel::defaultAdam);
  }

  /**
   * Training with the wrapper {@code optimWrapperFactory} builds over this model's trainable parameters
   * (the config's {@code optim_wrapper} through {@code DefaultOptimWrapperConstructor}); the graph
   * carries it out and {@link #optimWrapper()} returns it for the runner.
   */
  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed, Precision precision, Device device,
      Function<List<Parameter>, OptimWrapper> optimWrapperFactory) {
    this.codec = estimator.head().decoder().orElseThrow(() -> new IllegalArgumentException(
        "model.head.decoder: a codec is needed to decode predictions for evaluation"));
    int[] inputSize = codec.inputSize();
    this.batchSize = batchSize;
    List<OptimWrapper> built = new ArrayList<>(1);
    this.graph = estimator.buildGraph(batchSize, inputSize[1], inputSize[0], flipIndices, seed, precision, device, trainable -> {
      for (io.posekit.tfmodels.nn.Parameter v : trainable) {
        int[] shape = Arrays.stream(TorchLayout.torchShape(v.shape().asArray())).mapToInt(d -> (int) d).toArray();
        Parameter p = new Parameter(v.name(), shape, new float[(int) v.shape().size()], Parameter.isNormModule(v.module()), false);
        parameters.add(p);
        byName.put(v.name(), p);
      }
      built.add(optimWrapperFactory.apply(List.copyOf(parameters)));
      return built.get(0).graphSpec();
    });
    this.optimWrapper = built.get(0);
    this.optimizerSpec = optimWrapper.graphSpec();
    Shape weights = graph.targetShapes().get(EncodedTargets.KEYPOINT_WEIGHTS);
    if (weights == null) {
      throw new IllegalArgumentException("model.head: its loss reads " + graph.targetShapes().keySet() + ", not keypoint_weights");
    }
    this.numKeypoints = (int) weights.size(1);
    checkCodecFitsHead(estimator.head().decoder().get(), graph.targetShapes());
    Map<String, io.posekit.tfmodels.nn.Parameter> vars = graph.parameters().parameters();
    graph.stateDict().asMap().forEach((name, value) -> {
      shapes.put(name, value.shape());
      io.posekit.tfmodels.nn.Parameter v = vars.get(name);
      if (v.trainable() && !v.buffer()) {
        copy(value.values(), name, byName.get(name).data());
      } else {
        buffers.put(name, value.values().clone()); // BN statistics, frozen stages
      }
    });
    graph.optimizerStateDict().asMap().forEach((name, value) -> slotShapes.put(name, value.shape()));
    slotShapes.remove("step");
    optimWrapper.optimizer().bindState(new GraphSlots());
  }

  /**
   * The codec's encoding of one instance has every field the head's loss reads, in its shape: a
   * codec whose {@code heatmap_size} differs from what the head predicts fails here, not at the
   * first batch.
   */
  private static void checkCodecFitsHead(KeypointCodec codec, Map<String, Shape> targetShapes) {
    int k = (int) targetShapes.get(EncodedTargets.KEYPOINT_WEIGHTS).size(1);
    EncodedTargets probe = codec.encode(new float[k][2], null);
    targetShapes.forEach((name, shape) -> {
      long[] want = Arrays.copyOfRange(shape.asArray(), 1, shape.numDimensions());
      if (!probe.has(name)) {
        throw new IllegalArgumentException("model.head: its loss reads '" + name + "', the codec "
            + codec.getClass().getSimpleName() + " encodes " + probe.fields().keySet());
      }
      if (!Arrays.equals(probe.get(name).shape(), want)) {
        throw new IllegalArgumentException("model.head predicts '" + name + "' as " + Arrays.toString(want) + ", the codec "
            + codec.getClass().getSimpleName() + " encodes " + Arrays.toString(probe.get(name).shape())
            + " (its heatmap_size / input_size)");
      }
    });
  }

  /** The graph's optimizer slots as the wrapper's optimizer state. */
  private final class GraphSlots implements OptimizerSlots {
    @Override
    public Map<String, ParamState> read() {
      Map<String, float[]> slots = new LinkedHashMap<>();
      graph.optimizerStateDict().asMap().forEach((name, value) -> slots.put(name, value.values()));
      long step = (long) slots.remove("step")[0];
      return ParamState.fromSlots(slots, step);
    }

    @Override
    public void write(Map<String, ParamState> state) {
      StateDict dict = new StateDict();
      ParamState.toSlots(state).forEach((name, values) -> {
        long[] shape = slotShapes.get(name);
        if (shape == null) {
          throw new IllegalArgumentException("optimizer state has '" + name + "', which " + optimizerSpec.type()
              + " in this graph does not keep");
        }
        dict.put(name, new FloatArray(shape, values));
      });
      dict.put("step", FloatArray.scalar(ParamState.commonStep(state)));
      graph.loadOptimizerStateDict(dict, "the optimizer state");
    }
  }

  /** PyTorch's Adam at lr 1e-3 over all parameters: the optimizer of a model built without one. */
  private static OptimWrapper defaultAdam(List<Parameter> params) {
    return new OptimWrapper(new Adam(ParamGroups.single(params), 1e-3, new double[] {0.9, 0.999}, 1e-8, 0, false), null, 1);
  }

  /** The optimizer wrapper the graph was built to carry out; the runner schedules and checkpoints it. */
  public OptimWrapper optimWrapper() {
    return optimWrapper;
  }

  public TopdownGraph graph() {
    return graph;
  }

  public KeypointCodec codec() {
    return codec;
  }

  public int numKeypoints() {
    return numKeypoints;
  }

  @Override
  public List<Parameter> parameters() {
    handOut();
    return parameters;
  }

  @Override
  public Map<String, float[]> buffers() {
    handOut();
    return buffers;
  }

  private void handOut() {
    if (sync == Sync.GRAPH_NEWER) {
      readGraph();
    }
    sync = Sync.ARRAYS_HANDED_OUT;
  }

  private void readGraph() {
    graph.stateDict().asMap().forEach((name, value) -> copy(value.values(), name, target(name)));
  }

  private float[] target(String name) {
    Parameter p = byName.get(name);
    return p != null ? p.data() : buffers.get(name);
  }

  private static void copy(float[] from, String name, float[] to) {
    if (to == null || to.length != from.length) {
      throw new IllegalStateException("graph variable '" + name + "' does not match the model's arrays");
    }
    System.arraycopy(from, 0, to, 0, from.length);
  }

  /**
   * MMEngine's {@code load_from} of a PyTorch/MMPose {@code .pth} (path or URL): the model's
   * weights, non-strictly as MMEngine's runner loads them (missing, unexpected and mismatched
   * keys are reported and skipped, as MMEngine warns); optimizer state is untouched.
   */
  public io.posekit.tfmodels.weights.LoadReport loadPretrained(String checkpoint) {
    useGraph();
    io.posekit.tfmodels.weights.LoadReport report = graph.loadCheckpoint(checkpoint, false);
    sync = Sync.GRAPH_NEWER;
    return report;
  }

  /** Writes the arrays back into the graph if someone may have changed them. */
  private void useGraph() {
    if (sync != Sync.ARRAYS_HANDED_OUT) {
      return;
    }
    StateDict model = new StateDict();
    shapes.forEach((name, shape) -> model.put(name, new FloatArray(shape, target(name).clone())));
    graph.loadStateDict(model, true, "the engine's model state");
    sync = Sync.IN_SYNC;
  }

  @Override
  public void setTraining(boolean training) {
    // the graph has separate train and eval paths; the flag only guards against misuse
    this.training = training;
  }

  /**
   * MMEngine's {@code train_step} in the graph: forward, backward, and (every
   * {@code accumulative_counts} iterations) the optimizer step, at the learning rates and weight
   * decays the schedulers set on the wrapper's param groups. {@code optimWrapper} must do what the
   * graph was built for ({@link #optimWrapper()} or one equal to it).
   */
  @Override
  public Map<String, Double> trainStep(PoseBatch batch, OptimWrapper optimWrapper) {
    if (!training) {
      throw new IllegalStateException("trainStep called in eval mode");
    }
    if (optimWrapper != this.optimWrapper && !optimWrapper.graphSpec().equals(optimizerSpec)) {
      throw new IllegalStateException("the model's graph was built for " + optimizerSpec + ", trainStep got an optimizer wrapper doing "
          + optimWrapper.graphSpec());
    }
    if (batch.targets().isEmpty()) {
      throw new IllegalArgumentException("a train batch needs targets: the train pipeline must run GenerateTarget");
    }
    useGraph();
    Map<String, Double> logVars = optimWrapper.updateParams(graph.precision(), (feed, lossScale) -> GraphIteration.Outcome.of(
        "loss_kpt", graph.trainStep(batch.images(), batch.targets(), feed, lossScale)));
    sync = Sync.GRAPH_NEWER;
    return logVars;
  }

  /** Collates packed samples for this model's graph; val batches are padded to whole graph batches. */
  public PoseBatch collate(List<PoseSample> samples, boolean withTargets) {
    if (withTargets && samples.size() > batchSize) {
      throw new IllegalArgumentException("train batches hold at most " + batchSize + " samples (the graph's batch size), got " + samples.size());
    }
    int padded = (samples.size() + batchSize - 1) / batchSize * batchSize;
    return PoseBatch.collate(samples, padded, codec.inputSize(), withTargets ? graph.targetShapes() : Map.of());
  }

  /**
   * Predicted keypoints per sample, mapped from the model input back to the original image as MMPose's
   * {@code add_pred_to_datasample} does: {@code kpt / input_size * input_scale + input_center - input_scale / 2};
   * boxes and box scores are the input instance's.
   */
  @Override
  public List<PoseDataSample> predict(PoseBatch batch) {
    useGraph();
    int[] in = codec.inputSize();
    int imageSize = in[0] * in[1] * 3;
    List<PoseDataSample> out = new ArrayList<>();
    for (int start = 0; start < batch.size(); start += batchSize) {
      float[] chunk = Arrays.copyOfRange(batch.images(), start * imageSize, (start + batchSize) * imageSize);
      List<DecodedKeypoints> decoded = graph.predict(chunk);
      for (int b = 0; b < batchSize && start + b < batch.size(); b++) {
        out.add(toDataSample(batch.samples().get(start + b), decoded.get(b), in));
      }
    }
    return out;
  }

  private static PoseDataSample toDataSample(PoseSample s, DecodedKeypoints d, int[] inputSize) {
    if (s.inputCenter == null || s.inputScale == null || s.dataSample == null) {
      throw new IllegalArgumentException("sample img_id=" + s.imgId + " has no input_center/input_scale (TopdownAffine) or was not packed");
    }
    int k = d.keypoints().length;
    double[][][] keypoints = new double[1][k][2];
    double[][] scores = new double[1][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < 2; j++) {
        keypoints[0][i][j] = d.keypoints()[i][j] / inputSize[j] * s.inputScale[j] + s.inputCenter[j] - 0.5 * s.inputScale[j];
      }
      scores[0][i] = d.scores()[i];
    }
    var gt = s.dataSample.gtInstances();
    return s.dataSample.withPredInstances(new PoseDataSample.PredInstances(keypoints, scores, gt.bboxes(), gt.bboxScores()));
  }
}
