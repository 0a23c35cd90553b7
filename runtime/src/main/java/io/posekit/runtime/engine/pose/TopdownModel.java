package io.posekit.runtime.engine.pose;

import io.posekit.runtime.engine.model.Parameter;
import io.posekit.runtime.engine.model.TrainableModel;
import io.posekit.runtime.engine.optim.AmpOptimWrapper;
import io.posekit.runtime.engine.optim.GradScaler;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.StateDict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TopdownPoseEstimator}'s {@link TopdownGraph} as the engine's model. The graph owns the
 * weights and runs backward and Adam in one session call, so a train step goes through
 * {@link TopdownGraph#trainStep} with the learning rate the engine's schedulers set on the optimizer
 * wrapper's param group; the engine's own optimizer never steps.
 *
 * <p>The engine checkpoints and restores flat arrays: parameters, and as buffers the BN statistics
 * and Adam's moments ({@code optimizer.<param>.exp_avg}, ..., {@code optimizer.step}), all in
 * PyTorch layout under MMPose's names. The arrays mirror the graph lazily: a train step makes the
 * graph newer (the next {@link #parameters()} or {@link #buffers()} reads it back); handing the arrays
 * out lets the caller write them (loading a checkpoint), so the next graph use writes them back.
 */
public final class TopdownModel implements TrainableModel<PoseBatch> {
  private enum Sync { IN_SYNC, GRAPH_NEWER, ARRAYS_HANDED_OUT }

  private static final String OPTIMIZER = "optimizer.";

  private final TopdownGraph graph;
  private final KeypointCodec codec;
  private final int batchSize;
  private final int numKeypoints;
  private final List<Parameter> parameters = new ArrayList<>();
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final Map<String, float[]> buffers = new LinkedHashMap<>();
  private final Map<String, long[]> shapes = new LinkedHashMap<>();
  private Sync sync = Sync.IN_SYNC;
  private boolean training = true;

  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed) {
    this(estimator, batchSize, flipIndices, seed, Precision.FLOAT32);
  }

  /** With the graph computing in {@code precision} (an {@code AmpOptimWrapper}'s dtype); weights stay float32. */
  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed, Precision precision) {
    this(estimator, batchSize, flipIndices, seed, precision, Device.AUTO);
  }

  /** With the graph placed on {@code device} (the config's {@code device}). */
  public TopdownModel(TopdownPoseEstimator estimator, int batchSize, int[] flipIndices, long seed, Precision precision, Device device) {
    this.codec = estimator.head().decoder().orElseThrow(() -> new IllegalArgumentException(
        "model.head.decoder: a codec is needed to decode predictions for evaluation"));
    int[] inputSize = codec.inputSize();
    this.batchSize = batchSize;
    this.graph = estimator.buildGraph(batchSize, inputSize[1], inputSize[0], flipIndices, seed, precision, device);
    this.numKeypoints = (int) graph.heatmapShape().size(3);
    int[] hm = codec.heatmapSize();
    if (graph.heatmapShape().size(1) != hm[1] || graph.heatmapShape().size(2) != hm[0]) {
      throw new IllegalArgumentException("the head predicts " + graph.heatmapShape().size(2) + "x"
          + graph.heatmapShape().size(1) + " heatmaps, the codec's heatmap_size is " + Arrays.toString(hm));
    }
    Map<String, io.posekit.tfmodels.nn.Parameter> vars = graph.parameters().parameters();
    graph.stateDict().asMap().forEach((name, value) -> {
      shapes.put(name, value.shape());
      io.posekit.tfmodels.nn.Parameter v = vars.get(name);
      if (v.trainable() && !v.buffer()) {
        int[] shape = Arrays.stream(value.shape()).mapToInt(d -> (int) d).toArray();
        Parameter p = new Parameter(name, shape, value.values().clone(), v.module().contains("Norm"), false);
        parameters.add(p);
        byName.put(name, p);
      } else {
        buffers.put(name, value.values().clone()); // BN statistics, frozen stages
      }
    });
    graph.optimizerStateDict().asMap().forEach((name, value) -> {
      shapes.put(OPTIMIZER + name, value.shape());
      buffers.put(OPTIMIZER + name, value.values().clone());
    });
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
    graph.optimizerStateDict().asMap().forEach((name, value) -> copy(value.values(), name, buffers.get(OPTIMIZER + name)));
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
    StateDict optimizer = new StateDict();
    shapes.forEach((name, shape) -> {
      if (name.startsWith(OPTIMIZER)) {
        optimizer.put(name.substring(OPTIMIZER.length()), new FloatArray(shape, buffers.get(name).clone()));
      } else {
        model.put(name, new FloatArray(shape, target(name).clone()));
      }
    });
    graph.loadStateDict(model, true, "the engine's model state");
    graph.loadOptimizerStateDict(optimizer, "the engine's model state");
    sync = Sync.IN_SYNC;
  }

  @Override
  public void setTraining(boolean training) {
    // the graph has separate train and eval paths; the flag only guards against misuse
    this.training = training;
  }

  /**
   * The engine's optimizer path (gradients into {@link Parameter#grad()}) does not exist for this
   * model: {@link TopdownGraph} fuses backward and Adam. {@link #trainStep} is the way in.
   */
  @Override
  public Map<String, Double> forwardBackward(PoseBatch batch, double lossScale) {
    throw new IllegalStateException("TopdownModel trains inside its TensorFlow graph (backward and Adam in one step);"
        + " it cannot hand gradients to the engine's optimizer, use trainStep");
  }

  /** One Adam step in the graph at the learning rate the schedulers set on the wrapper's (single) param group. */
  @Override
  public Map<String, Double> trainStep(PoseBatch batch, OptimWrapper optimWrapper) {
    if (!training) {
      throw new IllegalStateException("trainStep called in eval mode");
    }
    List<Double> lr = optimWrapper.getLr();
    if (lr.size() != 1) {
      throw new IllegalStateException("the graph's Adam has one learning rate; the optimizer has " + lr.size()
          + " param groups (paramwise_cfg is not supported for TopdownModel)");
    }
    if (batch.heatmaps().length == 0) {
      throw new IllegalArgumentException("a train batch needs targets: the train pipeline must run GenerateTarget");
    }
    useGraph();
    float loss;
    if (optimWrapper instanceof AmpOptimWrapper amp) {
      if (amp.precision() != graph.precision()) {
        throw new IllegalStateException("the optimizer wrapper trains in " + amp.precision().dtype() + ", the model's graph was built for "
            + graph.precision().dtype());
      }
      GradScaler scaler = amp.gradScaler();
      TopdownGraph.StepResult step = graph.trainStep(batch.images(), batch.heatmaps(), batch.keypointWeights(), lr.get(0), scaler.scale());
      scaler.update(step.applied());
      loss = step.loss();
    } else {
      if (graph.precision().isMixed()) {
        throw new IllegalStateException("the model's graph is " + graph.precision().dtype() + ": train it with AmpOptimWrapper");
      }
      loss = graph.trainStep(batch.images(), batch.heatmaps(), batch.keypointWeights(), lr.get(0));
    }
    sync = Sync.GRAPH_NEWER;
    Map<String, Double> losses = new LinkedHashMap<>();
    losses.put("loss_kpt", (double) loss);
    return OptimWrapper.parseLosses(losses);
  }

  /** Collates packed samples for this model's graph; val batches are padded to whole graph batches. */
  public PoseBatch collate(List<PoseSample> samples, boolean withTargets) {
    if (withTargets && samples.size() > batchSize) {
      throw new IllegalArgumentException("train batches hold at most " + batchSize + " samples (the graph's batch size), got " + samples.size());
    }
    int padded = (samples.size() + batchSize - 1) / batchSize * batchSize;
    return PoseBatch.collate(samples, padded, codec.inputSize(), codec.heatmapSize(), numKeypoints, withTargets);
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
