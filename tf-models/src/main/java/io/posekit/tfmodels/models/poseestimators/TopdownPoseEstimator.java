package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.models.heads.TestCfg;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.backbones.Backbone;
import io.posekit.tfmodels.models.datapreprocessors.PoseDataPreprocessor;
import io.posekit.tfmodels.models.heads.Head;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.weights.InitCfg;
import io.posekit.annotations.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code TopdownPoseEstimator}: backbone, optional neck and head on person crops. It
 * describes the network; {@link #buildGraph} turns it into a {@link TopdownGraph} for one batch
 * and input size, with a training step and the (flip-tested) prediction path.
 */
@RegisterModule(registry = Registries.MODELS)
public final class TopdownPoseEstimator {
  private final Backbone backbone;
  private final Optional<Neck> neck;
  private final Head head;
  private final Map<String, Object> trainCfg;
  private final TestCfg testCfg;
  private final Optional<PoseDataPreprocessor> dataPreprocessor;
  private final List<InitCfg> initCfg;

  public TopdownPoseEstimator(
      Backbone backbone,
      @Param(defaultValue = "None") Optional<Neck> neck,
      Head head,
      @Param(defaultValue = "dict()") Map<String, Object> trainCfg,
      @Param(defaultValue = "dict()") TestCfg testCfg,
      @Param(defaultValue = "None") Optional<PoseDataPreprocessor> dataPreprocessor,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this.initCfg = InitCfg.parse(initCfg, "TopdownPoseEstimator.init_cfg");
    this.backbone = backbone;
    this.neck = neck;
    this.head = head;
    this.trainCfg = Map.copyOf(trainCfg);
    this.testCfg = testCfg;
    this.dataPreprocessor = dataPreprocessor;
  }

  /** Normalised inputs to the head's outputs (heatmaps [B, h, w, K], ...): MMPose's {@code extract_feat} then head forward. */
  List<Operand<TFloat32>> forward(GraphContext ctx, Operand<TFloat32> inputs) {
    List<Operand<TFloat32>> feats = backbone.apply(ctx.child("backbone"), inputs);
    if (neck.isPresent()) {
      feats = neck.get().apply(ctx.child("neck"), feats);
    }
    return head.forward(ctx.child("head"), feats);
  }

  /** Images as the data pipeline gives them to inputs as the backbone takes them. */
  Operand<TFloat32> preprocess(GraphContext ctx, Operand<TFloat32> images) {
    return dataPreprocessor.isPresent() ? dataPreprocessor.get().apply(ctx.tf(), images) : images;
  }

  /**
   * Builds train and predict graphs for {@code batchSize} images of {@code inputHeight} x
   * {@code inputWidth} (NHWC, 3 channels). {@code flipIndices} is the dataset's flip pairing (from
   * its meta), used by flip test.
   */
  public TopdownGraph buildGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed) {
    return buildGraph(batchSize, inputHeight, inputWidth, flipIndices, seed, Precision.FLOAT32);
  }

  /** As {@link #buildGraph(int, int, int, int[], long)} computing in {@code precision} (weights stay float32). */
  public TopdownGraph buildGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed,
      Precision precision) {
    return buildGraph(batchSize, inputHeight, inputWidth, flipIndices, seed, precision, Device.AUTO);
  }

  /** As {@link #buildGraph(int, int, int, int[], long, Precision)} with every op placed on {@code device}. */
  public TopdownGraph buildGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed,
      Precision precision, Device device) {
    return buildGraph(batchSize, inputHeight, inputWidth, flipIndices, seed, precision, device, OptimizerSpec::defaultAdam);
  }

  /**
   * As {@link #buildGraph(int, int, int, int[], long, Precision, Device)} training with the optimizer
   * {@code optimizerSpec} chooses for the trainable parameters (by default PyTorch's Adam).
   */
  public TopdownGraph buildGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed,
      Precision precision, Device device, Function<List<Parameter>, OptimizerSpec> optimizerSpec) {
    return new TopdownGraph(this, batchSize, inputHeight, inputWidth, flipIndices, seed, true, precision, device, optimizerSpec);
  }

  /**
   * The prediction path only (no loss, gradients or optimizer state), for inference: lighter to
   * build and hold. Weights come from {@code init_cfg} or a later {@code loadCheckpoint}.
   */
  public TopdownGraph buildInferenceGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed) {
    return buildInferenceGraph(batchSize, inputHeight, inputWidth, flipIndices, seed, Precision.FLOAT32);
  }

  /** As {@link #buildInferenceGraph(int, int, int, int[], long)} computing in {@code precision}. */
  public TopdownGraph buildInferenceGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed,
      Precision precision) {
    return buildInferenceGraph(batchSize, inputHeight, inputWidth, flipIndices, seed, precision, Device.AUTO);
  }

  /** As {@link #buildInferenceGraph(int, int, int, int[], long, Precision)} with every op placed on {@code device}. */
  public TopdownGraph buildInferenceGraph(int batchSize, int inputHeight, int inputWidth, int[] flipIndices, long seed,
      Precision precision, Device device) {
    return new TopdownGraph(this, batchSize, inputHeight, inputWidth, flipIndices, seed, false, precision, device, null);
  }

  public long parameterCount() {
    return backbone.parameterCount() + neck.map(Neck::parameterCount).orElse(0L) + head.parameterCount();
  }

  public Backbone backbone() {
    return backbone;
  }

  public Optional<Neck> neck() {
    return neck;
  }

  public Head head() {
    return head;
  }

  public Map<String, Object> trainCfg() {
    return trainCfg;
  }

  public TestCfg testCfg() {
    return testCfg;
  }

  /**
   * The estimator's own {@code init_cfg}: a dict or list of dicts as MMEngine takes them
   * ({@code dict(type='Pretrained', checkpoint=...)} loads a whole-model checkpoint at build time).
   */
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  public Optional<PoseDataPreprocessor> dataPreprocessor() {
    return dataPreprocessor;
  }
}
