package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/** What GroupNorm, InstanceNorm2d and LayerNorm share: standardising over axes, the per-channel affine map. */
final class NormOps {
  private NormOps() {}

  /** {@code (x - mean) / sqrt(var + eps)} over {@code axes}, with the biased variance, as PyTorch's norms. */
  static Operand<TFloat32> standardize(Ops tf, Operand<TFloat32> x, int[] axes, float eps) {
    var axis = tf.constant(axes);
    var centred = tf.math.sub(x, tf.math.mean(x, axis, Mean.keepDims(true)));
    var variance = tf.math.mean(tf.math.square(centred), axis, Mean.keepDims(true));
    return tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(eps))));
  }

  /** {@code y * weight + bias} over the last axis, {@code weight} (ones) and {@code bias} (zeros) of PyTorch class {@code module}. */
  static Operand<TFloat32> affine(GraphContext ctx, Operand<TFloat32> y, int channels, String module, boolean requiresGrad) {
    var tf = ctx.tf();
    boolean trainable = !ctx.frozen() && requiresGrad;
    var weight = ctx.params().variable(tf, ctx.name("weight"), Shape.of(channels), Initializer.constant(1f),
        trainable, false, module);
    var bias = ctx.params().variable(tf, ctx.name("bias"), Shape.of(channels), Initializer.constant(0f),
        trainable, false, module);
    return tf.math.add(tf.math.mul(y, weight), bias);
  }
}
