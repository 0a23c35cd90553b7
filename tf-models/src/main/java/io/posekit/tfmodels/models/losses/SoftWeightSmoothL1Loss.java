package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code SoftWeightSmoothL1Loss}: smooth L1 with threshold {@code beta}, multiplied by the
 * (soft) keypoint weights after the criterion; {@code supervise_empty} averages over every element,
 * otherwise the sum is divided by the number of keypoints with a positive weight (at least 1).
 */
@RegisterModule(registry = Registries.MODELS)
public final class SoftWeightSmoothL1Loss implements Loss {
  private final boolean useTargetWeight;
  private final boolean superviseEmpty;
  private final double beta;
  private final double lossWeight;

  public SoftWeightSmoothL1Loss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "True") boolean superviseEmpty,
      @Param(defaultValue = "1.0") double beta,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.useTargetWeight = useTargetWeight;
    this.superviseEmpty = superviseEmpty;
    this.beta = beta;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    var elementwise = SmoothL1Loss.elementwise(tf, tf.math.sub(output, target), beta);
    if (!useTargetWeight) {
      return TargetWeights.scaled(tf, TargetWeights.reduce(tf, elementwise, "mean"), lossWeight);
    }
    var w = TargetWeights.like(tf, targetWeights, output);
    var weighted = tf.math.mul(elementwise, w);
    if (superviseEmpty) {
      return TargetWeights.scaled(tf, TargetWeights.reduce(tf, weighted, "mean"), lossWeight);
    }
    // torch.nonzero(target_weight > 0) counts weight entries, not output elements
    var positive = TargetWeights.reduce(tf, tf.dtypes.cast(tf.math.greater(targetWeights, tf.constant(0f)), TFloat32.class), "sum");
    var loss = tf.math.div(TargetWeights.reduce(tf, weighted, "sum"), tf.math.maximum(positive, tf.constant(1f)));
    return TargetWeights.scaled(tf, loss, lossWeight);
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
