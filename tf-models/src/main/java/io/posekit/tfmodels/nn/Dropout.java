package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.Dropout(p)}: in training, zeroes each element with probability {@code p} and
 * scales the rest by {@code 1 / (1 - p)}; the identity in eval mode (and in frozen modules, which
 * MMPose puts in eval). Draws come from the model's seed and the layer's name.
 */
public final class Dropout implements Layer {
  private final double p;

  public Dropout(double p) {
    if (p < 0 || p >= 1) {
      throw new IllegalArgumentException("dropout probability has to be in [0, 1), got " + p);
    }
    this.p = p;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    if (p == 0 || !ctx.training() || ctx.frozen()) {
      return x;
    }
    var tf = ctx.tf();
    long seed = ctx.params().seed() * 1_000_003L + ctx.scope().hashCode() + 1;
    var u = tf.random.randomUniform(tf.constant(x.shape().asArray()), TFloat32.class,
        RandomUniform.seed(seed), RandomUniform.seed2(seed * 31 + 19));
    float keep = (float) (1 - p);
    var mask = tf.math.floor(tf.math.add(u, tf.constant(keep)));
    return tf.math.mul(tf.math.div(x, tf.constant(keep)), mask);
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
