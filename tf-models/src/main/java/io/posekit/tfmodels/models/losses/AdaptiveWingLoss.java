package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code AdaptiveWingLoss} (Wang et al., ICCV 2019) on heatmaps: the exponent
 * {@code alpha - y} adapts to the target pixel, logarithmic below {@code theta} and linear above,
 * averaged over every element. With {@code use_target_weight} heatmaps and targets are multiplied
 * by the keypoint weights first (so the exponent sees weighted targets, as in MMPose).
 */
@RegisterModule(registry = Registries.MODELS)
public final class AdaptiveWingLoss implements Loss {
  private final double alpha;
  private final double omega;
  private final double epsilon;
  private final double theta;
  private final boolean useTargetWeight;
  private final double lossWeight;

  public AdaptiveWingLoss(
      @Param(defaultValue = "2.1") double alpha,
      @Param(defaultValue = "14") double omega,
      @Param(defaultValue = "1") double epsilon,
      @Param(defaultValue = "0.5") double theta,
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.alpha = alpha;
    this.omega = omega;
    this.epsilon = epsilon;
    this.theta = theta;
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    Operand<TFloat32> out = output;
    Operand<TFloat32> tgt = target;
    if (useTargetWeight) {
      var w = TargetWeights.like(tf, targetWeights, output);
      out = tf.math.mul(out, w);
      tgt = tf.math.mul(tgt, w);
    }
    var delta = tf.math.abs(tf.math.sub(tgt, out));
    var exponent = tf.math.sub(tf.constant((float) alpha), tgt);
    var ratio = tf.constant((float) (theta / epsilon));
    var ratioPow = tf.math.pow(ratio, exponent);
    // A and C make the two pieces meet with equal slope at |d| = theta
    var a = tf.math.mul(
        tf.math.mul(tf.math.div(tf.constant((float) omega), tf.math.add(tf.constant(1f), ratioPow)), exponent),
        tf.math.div(tf.math.pow(ratio, tf.math.sub(exponent, tf.constant(1f))), tf.constant((float) epsilon)));
    var c = tf.math.sub(tf.math.mul(tf.constant((float) theta), a),
        tf.math.mul(tf.constant((float) omega), tf.math.log(tf.math.add(tf.constant(1f), ratioPow))));
    var small = tf.math.mul(tf.constant((float) omega), tf.math.log(tf.math.add(tf.constant(1f),
        tf.math.pow(tf.math.div(delta, tf.constant((float) epsilon)), exponent))));
    var large = tf.math.sub(tf.math.mul(a, delta), c);
    var losses = tf.select(tf.math.less(delta, tf.constant((float) theta)), small, large);
    return TargetWeights.scaled(tf, TargetWeights.reduce(tf, losses, "mean"), lossWeight);
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
