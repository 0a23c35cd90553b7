package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** PyTorch's {@code nn.GELU} (the exact erf form, {@code approximate='none'}). */
public final class Gelu implements Layer {
  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    var cdf = tf.math.mul(tf.constant(0.5f),
        tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
    return tf.math.mul(x, cdf);
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
