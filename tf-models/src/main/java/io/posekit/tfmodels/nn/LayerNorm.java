package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.LayerNorm} over the last axis (biased variance, {@code eps} inside the root),
 * with its {@code weight} and {@code bias}.
 */
public final class LayerNorm implements Layer {
  private final int dims;
  private final float eps;

  public LayerNorm(int dims, double eps) {
    this.dims = dims;
    this.eps = (float) eps;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    boolean trainable = !ctx.frozen();
    var w = ctx.params().variable(tf, ctx.name("weight"), Shape.of(dims), Initializer.constant(1f), trainable, false, "LayerNorm");
    var b = ctx.params().variable(tf, ctx.name("bias"), Shape.of(dims), Initializer.constant(0f), trainable, false, "LayerNorm");
    var axis = tf.constant(new int[] {-1});
    var mean = tf.math.mean(x, axis, Mean.keepDims(true));
    var centred = tf.math.sub(x, mean);
    var variance = tf.math.mean(tf.math.square(centred), axis, Mean.keepDims(true));
    var normed = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(eps))));
    return tf.math.add(tf.math.mul(normed, w), b);
  }

  @Override
  public long parameterCount() {
    return 2L * dims;
  }
}
