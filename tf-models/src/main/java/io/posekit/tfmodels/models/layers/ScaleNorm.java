package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code ScaleNorm} ("Transformers without Tears"): over the last axis,
 * {@code x / clamp(||x|| * dim^-0.5, eps) * g} with one learnt scalar {@code g} (starts at 1).
 */
public final class ScaleNorm implements Layer {
  private final int dim;
  private final float eps;

  public ScaleNorm(int dim, double eps) {
    this.dim = dim;
    this.eps = (float) eps;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    var g = ctx.params().variable(tf, ctx.name("g"), Shape.of(1), Initializer.constant(1f), !ctx.frozen(), false, "ScaleNorm");
    int last = x.shape().numDimensions() - 1;
    // ||x|| * dim^-0.5 = sqrt(mean(x^2)) up to rounding; kept as PyTorch orders it
    Operand<TFloat32> norm = tf.math.sqrt(tf.reduceSum(tf.math.square(x), tf.constant(last),
        org.tensorflow.op.core.ReduceSum.keepDims(true)));
    norm = tf.math.mul(norm, tf.constant((float) Math.pow(dim, -0.5)));
    return tf.math.mul(tf.math.div(x, tf.math.maximum(norm, tf.constant(eps))), g);
  }

  @Override
  public long parameterCount() {
    return 1;
  }
}
