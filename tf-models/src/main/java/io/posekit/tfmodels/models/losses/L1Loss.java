package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code L1Loss}: PyTorch's {@code l1_loss} with {@code reduction} 'mean' or 'sum'; with
 * {@code use_target_weight} output and target are both multiplied by the weights.
 */
@RegisterModule(registry = Registries.MODELS)
public final class L1Loss implements Loss {
  private final String reduction;
  private final boolean useTargetWeight;
  private final double lossWeight;

  public L1Loss(
      @Param(defaultValue = "'mean'") String reduction,
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.reduction = TargetWeights.checkReduction("L1Loss", reduction);
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
    return TargetWeights.scaled(tf, TargetWeights.reduce(tf, tf.math.abs(tf.math.sub(out, tgt)), reduction), lossWeight);
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
