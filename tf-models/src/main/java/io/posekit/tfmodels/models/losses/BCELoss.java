package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code BCELoss}: binary cross entropy on logits, or with {@code use_sigmoid} on
 * probabilities (PyTorch's {@code binary_cross_entropy}, logs clamped at -100), multiplied by the
 * keypoint weights when asked, then reduced by {@code reduction}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class BCELoss implements Loss {
  private final boolean useTargetWeight;
  private final double lossWeight;
  private final String reduction;
  private final boolean useSigmoid;

  public BCELoss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight,
      @Param(defaultValue = "'mean'") String reduction,
      @Param(defaultValue = "False") boolean useSigmoid) {
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
    this.reduction = TargetWeights.checkReduction("BCELoss", reduction);
    this.useSigmoid = useSigmoid;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    Operand<TFloat32> loss;
    if (useSigmoid) {
      var floor = tf.constant(-100f);
      var logP = tf.math.maximum(tf.math.log(output), floor);
      var log1mP = tf.math.maximum(tf.math.log(tf.math.sub(tf.constant(1f), output)), floor);
      loss = tf.math.neg(tf.math.add(tf.math.mul(target, logP),
          tf.math.mul(tf.math.sub(tf.constant(1f), target), log1mP)));
    } else {
      // the stable form of -(t log s(x) + (1 - t) log(1 - s(x))): max(x, 0) - x t + log(1 + e^-|x|)
      loss = tf.math.add(tf.math.sub(tf.math.maximum(output, tf.constant(0f)), tf.math.mul(output, target)),
          tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(output)))));
    }
    if (useTargetWeight) {
      var w = targetWeights.shape().numDimensions() == 1
          ? tf.expandDims(targetWeights, tf.constant(1)) : targetWeights;
      loss = tf.math.mul(loss, w);
    }
    return TargetWeights.scaled(tf, TargetWeights.reduce(tf, loss, reduction), lossWeight);
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
