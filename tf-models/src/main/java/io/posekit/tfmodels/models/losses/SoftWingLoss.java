package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code SoftWingLoss} (Lin et al., TIP 2021) on coordinates {@code [B, K, D]}: {@code |d|}
 * below {@code omega1}, {@code omega2 ln(1 + |d| / epsilon) + B} above, summed over keypoints and
 * dimensions and averaged over the batch.
 */
@RegisterModule(registry = Registries.MODELS)
public final class SoftWingLoss implements Loss {
  private final double omega1;
  private final double omega2;
  private final double epsilon;
  private final boolean useTargetWeight;
  private final double lossWeight;

  public SoftWingLoss(
      @Param(defaultValue = "2.0") double omega1,
      @Param(defaultValue = "20.0") double omega2,
      @Param(defaultValue = "0.5") double epsilon,
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.omega1 = omega1;
    this.omega2 = omega2;
    this.epsilon = epsilon;
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    double b = omega1 - omega2 * Math.log(1.0 + omega1 / epsilon);
    var delta = WingLoss.weightedDelta(tf, output, target, targetWeights, useTargetWeight);
    var log = tf.math.add(tf.math.mul(tf.constant((float) omega2),
        tf.math.log1p(tf.math.div(delta, tf.constant((float) epsilon)))), tf.constant((float) b));
    var losses = tf.select(tf.math.less(delta, tf.constant((float) omega1)), delta, log);
    return TargetWeights.scaled(tf, WingLoss.batchMeanOfSums(tf, losses), lossWeight);
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
