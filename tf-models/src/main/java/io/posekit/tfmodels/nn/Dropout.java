package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.Dropout(p)}: in training, zeroes each element with probability {@code p} and
 * scales the rest by {@code 1 / (1 - p)}; the identity in eval mode (and in frozen modules, which
 * MMPose puts in eval).
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
    return p == 0 || !ctx.training() || ctx.frozen() ? x : keepMask(ctx, x, x.shape().asArray(), p);
  }

  /**
   * {@code x * floor(keep + u) / keep} with {@code u} uniform of {@code maskShape} (broadcast over
   * {@code x}): the Bernoulli mask of dropout and of drop path.
   */
  public static Operand<TFloat32> keepMask(GraphContext ctx, Operand<TFloat32> x, long[] maskShape, double p) {
    var tf = ctx.tf();
    float keep = (float) (1 - p);
    var u = tf.random.randomUniform(tf.constant(maskShape), TFloat32.class);
    var mask = tf.math.floor(tf.math.add(u, tf.constant(keep)));
    return tf.math.mul(x, tf.math.mul(mask, tf.constant(1f / keep)));
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
