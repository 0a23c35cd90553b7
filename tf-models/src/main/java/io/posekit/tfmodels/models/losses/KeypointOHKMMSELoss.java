package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MSE with online hard keypoint mining (MMPose's {@code KeypointOHKMMSELoss}): per sample, the
 * mean of the {@code topk} largest per-keypoint MSEs, averaged over the batch. With
 * {@code useTargetWeight} output and target are both multiplied by the keypoint weight first.
 */
@RegisterModule(registry = Registries.MODELS)
public final class KeypointOHKMMSELoss implements Loss {
  private final boolean useTargetWeight;
  private final int topk;
  private final double lossWeight;

  public KeypointOHKMMSELoss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "8") int topk,
      @Param(defaultValue = "1.0") double lossWeight) {
    if (topk <= 0) {
      throw new IllegalArgumentException("topk must be positive, got " + topk);
    }
    this.useTargetWeight = useTargetWeight;
    this.topk = topk;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    long b = output.shape().size(0);
    long k = output.shape().size(3);
    if (k < topk) {
      throw new IllegalArgumentException("topk (" + topk + ") should not be larger than num_keypoints (" + k + ")");
    }
    Operand<TFloat32> out = output;
    Operand<TFloat32> tgt = target;
    if (useTargetWeight) {
      var w = tf.reshape(targetWeights, tf.constant(new long[] {b, 1, 1, k}));
      out = tf.math.mul(out, w);
      tgt = tf.math.mul(tgt, w);
    }
    // [B, K] per-keypoint losses
    var perKeypoint = tf.math.mean(tf.math.squaredDifference(out, tgt), tf.constant(new int[] {1, 2}));
    // TopK has no C++ gradient: pick the top-k keypoints as a constant one-hot mask instead, so
    // the gradient reaches the selected keypoints only, as torch.gather's does
    var top = tf.nn.topK(tf.stopGradient(perKeypoint), tf.constant(topk), new org.tensorflow.op.nn.TopK.Options[0]);
    var selected = tf.reduceSum(
        tf.oneHot(top.indices(), tf.constant((int) k), tf.constant(1f), tf.constant(0f)), tf.constant(1));
    var perSample = tf.math.div(
        tf.reduceSum(tf.math.mul(perKeypoint, selected), tf.constant(1)), tf.constant((float) topk));
    var loss = tf.math.mean(perSample, tf.constant(0));
    return tf.math.mul(loss, tf.constant((float) lossWeight));
  }

  public boolean useTargetWeight() {
    return useTargetWeight;
  }

  public int topk() {
    return topk;
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
