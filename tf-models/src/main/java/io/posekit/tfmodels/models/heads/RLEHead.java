package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.models.losses.RLELoss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code RLEHead}: an {@code fc} to coordinates and sigmas [B, K, 4]; its
 * {@link RLELoss} (whose flow model is part of the head, {@code loss_module.flow_model.}) on
 * coordinates and raw sigmas; prediction takes the sigmoid of the sigmas (per pass, before a
 * flip test averages them) and the codec scores {@code 1 - sigma}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class RLEHead implements Head {
  private final RegressionHead.CoordinateFc fc;
  private final RLELoss loss;
  private final Optional<KeypointCodec> decoder;
  private final List<InitCfg> initCfg;

  public RLEHead(
      int inChannels,
      int numJoints,
      @Param(defaultValue = "dict(type='RLELoss', use_target_weight=True)") RLELoss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this.fc = new RegressionHead.CoordinateFc(inChannels, numJoints, 4);
    this.loss = loss;
    this.decoder = decoder;
    this.initCfg = InitCfg.parse(initCfg, "RLEHead.init_cfg");
  }

  @Override
  public List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats) {
    return List.of(fc.apply(ctx, feats));
  }

  @Override
  public Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    var tf = ctx.tf();
    Operand<TFloat32> out = outputs.get(0);
    Shape s = out.shape();
    long b = s.size(0);
    long k = s.size(1);
    var coords = tf.slice(out, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {(int) b, (int) k, 2}));
    var sigma = tf.slice(out, tf.constant(new int[] {0, 0, 2}), tf.constant(new int[] {(int) b, (int) k, 2}));
    var labels = targets.get(EncodedTargets.KEYPOINT_LABELS, Shape.of(b, k, 2));
    var weights = targets.get(EncodedTargets.KEYPOINT_WEIGHTS, Shape.of(b, k));
    return loss.compute(ctx.child("loss_module"), coords, sigma, labels, weights);
  }

  /** The sigmas through a sigmoid, coordinates as they are. */
  @Override
  public List<Operand<TFloat32>> predictOutputs(Ops tf, List<Operand<TFloat32>> outputs) {
    Operand<TFloat32> out = outputs.get(0);
    long b = out.shape().size(0);
    long k = out.shape().size(1);
    var coords = tf.slice(out, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {(int) b, (int) k, 2}));
    var sigma = tf.math.sigmoid(tf.slice(out, tf.constant(new int[] {0, 0, 2}), tf.constant(new int[] {(int) b, (int) k, 2})));
    return List.of(tf.concat(List.of(coords, sigma), tf.constant(2)));
  }

  @Override
  public List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg) {
    return List.of(RegressionHead.CoordinateFc.flip(tf, flipped.get(0), flipIndices, testCfg, decoder));
  }

  /** The head's loss is an {@link RLELoss}, which is no plain {@link Loss}: there is none to give. */
  @Override
  public Loss loss() {
    throw new UnsupportedOperationException("RLEHead's loss_module is an RLELoss; use rleLoss()");
  }

  public RLELoss rleLoss() {
    return loss;
  }

  @Override
  public Optional<KeypointCodec> decoder() {
    return decoder;
  }

  /** The fc plus the flow model of the loss, as MMPose counts the head's parameters. */
  @Override
  public long parameterCount() {
    return fc.parameterCount() + loss.parameterCount();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }
}
