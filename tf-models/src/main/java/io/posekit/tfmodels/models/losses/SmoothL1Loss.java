package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code SmoothL1Loss}: PyTorch's {@code smooth_l1_loss} (beta 1, mean over every
 * element); with {@code use_target_weight} output and target are both multiplied by the weights.
 */
@RegisterModule(registry = Registries.MODELS)
public final class SmoothL1Loss implements Loss {
  private final boolean useTargetWeight;
  private final double lossWeight;

  public SmoothL1Loss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
  }

  /** Elementwise smooth L1 of {@code delta}: {@code 0.5 d² / beta} below beta, {@code |d| - beta / 2} above. */
  static Operand<TFloat32> elementwise(Ops tf, Operand<TFloat32> delta, double beta) {
    var abs = tf.math.abs(delta);
    var quadratic = tf.math.div(tf.math.mul(tf.constant(0.5f), tf.math.square(delta)), tf.constant((float) beta));
    var linear = tf.math.sub(abs, tf.constant((float) (beta / 2)));
    return tf.select(tf.math.less(abs, tf.constant((float) beta)), quadratic, linear);
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
    return TargetWeights.scaled(tf, TargetWeights.reduce(tf, elementwise(tf, tf.math.sub(out, tgt), 1.0), "mean"), lossWeight);
  }

  public boolean useTargetWeight() {
    return useTargetWeight;
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
