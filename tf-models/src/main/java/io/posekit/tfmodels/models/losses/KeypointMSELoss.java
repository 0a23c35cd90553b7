package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MSE over heatmaps (MMPose's {@code KeypointMSELoss}): mean over every element of
 * {@code (output - target)² · mask}, the mask being the keypoint weights and, with
 * {@code skipEmptyChannel}, whether the target channel has any non-zero pixel. Like MMPose 1.x,
 * the keypoint weights are applied whenever they are given; {@code use_target_weight} is kept for
 * config compatibility.
 */
@RegisterModule(registry = Registries.MODELS)
public final class KeypointMSELoss implements Loss {
  private final boolean useTargetWeight;
  private final boolean skipEmptyChannel;
  private final double lossWeight;

  public KeypointMSELoss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "False") boolean skipEmptyChannel,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.useTargetWeight = useTargetWeight;
    this.skipEmptyChannel = skipEmptyChannel;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    Operand<TFloat32> sq = tf.math.squaredDifference(output, target);
    Operand<TFloat32> mask = null;
    long b = target.shape().size(0);
    long k = target.shape().size(3);
    if (targetWeights != null) {
      mask = tf.reshape(targetWeights, tf.constant(new long[] {b, 1, 1, k}));
    }
    if (skipEmptyChannel) {
      Operand<TFloat32> nonEmpty = tf.reduceMax(
          tf.dtypes.cast(tf.math.notEqual(target, tf.constant(0f)), TFloat32.class),
          tf.constant(new int[] {1, 2}), org.tensorflow.op.core.ReduceMax.keepDims(true));
      mask = mask == null ? nonEmpty : tf.math.mul(mask, nonEmpty);
    }
    Operand<TFloat32> weighted = mask == null ? sq : tf.math.mul(sq, mask);
    Operand<TFloat32> loss = tf.math.mean(weighted, tf.constant(new int[] {0, 1, 2, 3}));
    return tf.math.mul(loss, tf.constant((float) lossWeight));
  }

  public boolean useTargetWeight() {
    return useTargetWeight;
  }

  public boolean skipEmptyChannel() {
    return skipEmptyChannel;
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
