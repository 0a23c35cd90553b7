package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code JSDiscretLoss}: the Jensen-Shannon divergence between predicted and target
 * heatmaps (NHWC here), elementwise as PyTorch's {@code KLDivLoss(reduction='none')} with
 * {@code log(q + 1e-24)}, summed and, with {@code size_average}, divided by the batch size.
 * It has no {@code loss_weight} (1).
 */
@RegisterModule(registry = Registries.MODELS)
public final class JSDiscretLoss implements Loss {
  private static final float EPS = 1e-24f;
  private final boolean useTargetWeight;
  private final boolean sizeAverage;

  public JSDiscretLoss(
      @Param(defaultValue = "True") boolean useTargetWeight,
      @Param(defaultValue = "True") boolean sizeAverage) {
    this.useTargetWeight = useTargetWeight;
    this.sizeAverage = sizeAverage;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    Operand<TFloat32> p = output;
    Operand<TFloat32> g = target;
    if (useTargetWeight) {
      var w = TargetWeights.like(tf, targetWeights, output);
      p = tf.math.mul(p, w);
      g = tf.math.mul(g, w);
    }
    var m = tf.math.mul(tf.constant(0.5f), tf.math.add(p, g));
    var js = tf.math.mul(tf.constant(0.5f), tf.math.add(kl(tf, p, m), kl(tf, g, m)));
    var loss = TargetWeights.reduce(tf, js, "sum");
    return sizeAverage ? tf.math.div(loss, tf.constant((float) output.shape().size(0))) : loss;
  }

  /** {@code p (log p - log(q + eps))}, 0 where p is 0 (PyTorch's xlogy). */
  private static Operand<TFloat32> kl(Ops tf, Operand<TFloat32> p, Operand<TFloat32> q) {
    return tf.math.sub(tf.math.xlogy(p, p), tf.math.mul(p, tf.math.log(tf.math.add(q, tf.constant(EPS)))));
  }

  @Override
  public double lossWeight() {
    return 1.0;
  }
}
