package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code DropPath} (stochastic depth): in training each sample's whole residual branch is
 * dropped with probability {@code dropProb} and kept ones are scaled by {@code 1 / (1 - dropProb)},
 * {@code x / keep * floor(keep + U[0, 1))} with one uniform draw per sample; in eval the identity.
 * Each layer's draws come from the model's seed and its name.
 */
public final class DropPath implements Layer {
  private final double dropProb;

  public DropPath(double dropProb) {
    if (dropProb < 0 || dropProb >= 1) {
      throw new IllegalArgumentException("drop_prob must be in [0, 1), got " + dropProb);
    }
    this.dropProb = dropProb;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    if (dropProb == 0 || !ctx.training()) {
      return x;
    }
    var tf = ctx.tf();
    long[] shape = new long[x.shape().numDimensions()];
    java.util.Arrays.fill(shape, 1);
    shape[0] = x.shape().size(0);
    long seed = ctx.params().seed() * 1_000_003L + ctx.scope().hashCode();
    var uniform = tf.random.randomUniform(tf.constant(shape), TFloat32.class,
        RandomUniform.seed(seed), RandomUniform.seed2(seed * 31 + 17));
    float keep = (float) (1 - dropProb);
    var mask = tf.math.floor(tf.math.add(uniform, tf.constant(keep)));
    return tf.math.mul(tf.math.div(x, tf.constant(keep)), mask);
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
