package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code WingLoss} (Feng et al., CVPR 2018) on coordinates {@code [B, K, D]}:
 * {@code omega ln(1 + |d| / epsilon)} below {@code omega}, {@code |d| - C} above, summed over
 * keypoints and dimensions and averaged over the batch.
 */
@RegisterModule(registry = Registries.MODELS)
public final class WingLoss implements Loss {
  private final double omega;
  private final double epsilon;
  private final boolean useTargetWeight;
  private final double lossWeight;

  public WingLoss(
      @Param(defaultValue = "10.0") double omega,
      @Param(defaultValue = "2.0") double epsilon,
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.omega = omega;
    this.epsilon = epsilon;
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    double c = omega * (1.0 - Math.log(1.0 + omega / epsilon));
    var delta = weightedDelta(tf, output, target, targetWeights, useTargetWeight);
    var log = tf.math.mul(tf.constant((float) omega),
        tf.math.log1p(tf.math.div(delta, tf.constant((float) epsilon))));
    var losses = tf.select(tf.math.less(delta, tf.constant((float) omega)), log, tf.math.sub(delta, tf.constant((float) c)));
    return TargetWeights.scaled(tf, batchMeanOfSums(tf, losses), lossWeight);
  }

  /** {@code |target - output|}, both multiplied by the weights first when asked. */
  static Operand<TFloat32> weightedDelta(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target,
      Operand<TFloat32> targetWeights, boolean useTargetWeight) {
    Operand<TFloat32> out = output;
    Operand<TFloat32> tgt = target;
    if (useTargetWeight) {
      var w = TargetWeights.like(tf, targetWeights, output);
      out = tf.math.mul(out, w);
      tgt = tf.math.mul(tgt, w);
    }
    return tf.math.abs(tf.math.sub(tgt, out));
  }

  /** {@code mean(sum(losses, dim=[1, 2]), dim=0)} of {@code [B, K, D]} losses. */
  static Operand<TFloat32> batchMeanOfSums(Ops tf, Operand<TFloat32> losses) {
    if (losses.shape().numDimensions() != 3) {
      throw new IllegalArgumentException("wing losses take coordinates [B, K, D], got " + losses.shape());
    }
    return tf.math.mean(tf.reduceSum(losses, tf.constant(new int[] {1, 2})), tf.constant(0));
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
