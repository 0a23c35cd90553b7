package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code RLELoss} (residual log-likelihood estimation, Li et al. ICCV 2021): the error
 * {@code (pred - target) / sigmoid(sigma)} scored by a RealNVP flow ({@code flow_model}, trained
 * with the model; its parameters live under the head's {@code loss_module.flow_model.}), plus
 * {@code log sigma}, plus with {@code residual} the Laplace or Gaussian {@code q_distribution}
 * term; weighted per keypoint, divided by the batch size with {@code size_average}, summed.
 * It takes the head's coordinates and sigmas apart and owns variables, so heads call
 * {@link #compute(GraphContext, Operand, Operand, Operand, Operand)} rather than {@link Loss}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class RLELoss {
  /** The identity distribution Q of the error. */
  public enum QDistribution {
    @ConfigValue("laplace")
    LAPLACE,
    @ConfigValue("gaussian")
    GAUSSIAN
  }

  private final boolean useTargetWeight;
  private final boolean sizeAverage;
  private final boolean residual;
  private final QDistribution qDistribution;

  public RLELoss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "True") boolean sizeAverage,
      @Param(defaultValue = "True") boolean residual,
      @Param(defaultValue = "'laplace'") QDistribution qDistribution) {
    this.useTargetWeight = useTargetWeight;
    this.sizeAverage = sizeAverage;
    this.residual = residual;
    this.qDistribution = qDistribution;
  }

  /**
   * The loss of coordinates {@code pred} [B, K, 2] with raw {@code sigma} [B, K, 2] against
   * {@code target} [B, K, 2], keypoint weights [B, K]; the flow's variables under {@code ctx}
   * (the module's own scope, {@code ...loss_module.}).
   */
  public Operand<TFloat32> compute(GraphContext ctx, Operand<TFloat32> pred, Operand<TFloat32> sigma,
      Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    var tf = ctx.tf();
    long b = target.shape().size(0);
    long k = target.shape().size(1);
    var s = tf.math.sigmoid(sigma);
    var error = tf.math.div(tf.math.sub(pred, target), tf.math.add(s, tf.constant(1e-9f)));
    var logPhi = tf.reshape(RealNVP.logProb(ctx.child("flow_model"), tf.reshape(error, tf.constant(new long[] {-1, 2}))),
        tf.constant(new long[] {b, k, 1}));
    var logSigma = tf.math.log(s);
    Operand<TFloat32> loss = tf.math.sub(logSigma, logPhi);
    if (residual) {
      Operand<TFloat32> q = qDistribution == QDistribution.LAPLACE
          ? tf.math.add(tf.math.log(tf.math.mul(s, tf.constant(2f))), tf.math.abs(error))
          : tf.math.add(tf.math.log(tf.math.mul(s, tf.constant((float) Math.sqrt(2 * Math.PI)))),
              tf.math.mul(tf.constant(0.5f), tf.math.square(error)));
      loss = tf.math.add(loss, q);
    }
    if (useTargetWeight) {
      loss = tf.math.mul(loss, tf.reshape(targetWeights, tf.constant(new long[] {b, k, 1})));
    }
    if (sizeAverage) {
      loss = tf.math.div(loss, tf.constant((float) b));
    }
    return tf.reduceSum(loss, tf.constant(new int[] {0, 1, 2}));
  }

  /** The flow model's trainable parameters (MMPose counts them in the model's parameters). */
  public long parameterCount() {
    return RealNVP.parameterCount();
  }
}
