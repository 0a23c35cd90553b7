package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Linear;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code RegressionHead} (DeepPose): one {@code fc} from the flattened last feature
 * (after {@code GlobalAveragePooling}, [B, C]) to normalised coordinates [B, K, 2], its loss
 * against the codec's {@code keypoint_labels}; flip test maps coordinates back with
 * {@code flip_coordinates}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class RegressionHead implements Head {
  private final CoordinateFc fc;
  private final Loss loss;
  private final Optional<KeypointCodec> decoder;
  private final List<InitCfg> initCfg;

  public RegressionHead(
      int inChannels,
      int numJoints,
      @Param(defaultValue = "dict(type='SmoothL1Loss', use_target_weight=True)") Loss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this.fc = new CoordinateFc(inChannels, numJoints, 2);
    this.loss = loss;
    this.decoder = decoder;
    this.initCfg = InitCfg.parse(initCfg, "RegressionHead.init_cfg");
  }

  @Override
  public List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats) {
    return List.of(fc.apply(ctx, feats));
  }

  @Override
  public Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    Operand<TFloat32> coords = outputs.get(0);
    Shape s = coords.shape();
    var labels = targets.get(EncodedTargets.KEYPOINT_LABELS, Shape.of(s.size(0), s.size(1), 2));
    var weights = targets.get(EncodedTargets.KEYPOINT_WEIGHTS, Shape.of(s.size(0), s.size(1)));
    return loss.compute(ctx.tf(), coords, labels, weights);
  }

  @Override
  public List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg) {
    return List.of(CoordinateFc.flip(tf, flipped.get(0), flipIndices, testCfg, decoder));
  }

  @Override
  public Loss loss() {
    return loss;
  }

  @Override
  public Optional<KeypointCodec> decoder() {
    return decoder;
  }

  @Override
  public long parameterCount() {
    return fc.parameterCount();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  /**
   * The regression heads' {@code fc}: the last feature flattened in PyTorch's (C, H, W) order, a
   * Linear to {@code K * D} values (MMPose's default init: normal std 0.01, bias 0), as [B, K, D].
   */
  static final class CoordinateFc {
    private final Linear linear;
    private final int numJoints;
    private final int dims;

    CoordinateFc(int inChannels, int numJoints, int dims) {
      this.linear = new Linear(inChannels, numJoints * dims, true, Initializer.normal(0.01), Initializer.constant(0f));
      this.numJoints = numJoints;
      this.dims = dims;
    }

    Operand<TFloat32> apply(GraphContext ctx, List<Operand<TFloat32>> feats) {
      var tf = ctx.tf();
      Operand<TFloat32> x = feats.get(feats.size() - 1);
      long b = x.shape().size(0);
      if (x.shape().numDimensions() == 4) {
        // torch.flatten(x, 1) of an NCHW map: channels first
        x = tf.linalg.transpose(x, tf.constant(new int[] {0, 3, 1, 2}));
      }
      if (x.shape().numDimensions() != 2) {
        x = tf.reshape(x, tf.constant(new long[] {b, -1}));
      }
      var y = linear.apply(ctx.child("fc"), x);
      return tf.reshape(y, tf.constant(new long[] {b, numJoints, dims}));
    }

    long parameterCount() {
      return linear.parameterCount();
    }

    /** {@code flip_coordinates} with the decoder's input width (MMPose reads the sample's {@code input_size}). */
    static Operand<TFloat32> flip(Ops tf, Operand<TFloat32> coords, int[] flipIndices, TestCfg testCfg,
        Optional<KeypointCodec> decoder) {
      int width = decoder.map(d -> d.inputSize()[0]).orElseThrow(() -> new IllegalArgumentException(
          "flip test of a regression head needs the head's decoder for the input size"));
      return Flip.coordinates(tf, coords, flipIndices, testCfg.shiftCoords(), width);
    }
  }
}
