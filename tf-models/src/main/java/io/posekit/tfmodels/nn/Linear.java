package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.Linear} over the last axis of an input of any rank. The weight keeps
 * PyTorch's {@code [out, in]} layout (so state dicts load as they are) and is multiplied transposed.
 */
public final class Linear implements Layer {
  private final int inFeatures;
  private final int outFeatures;
  private final boolean bias;
  private final Initializer weightInit;
  private final Initializer biasInit;

  public Linear(int inFeatures, int outFeatures, boolean bias, Initializer weightInit, Initializer biasInit) {
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.bias = bias;
    this.weightInit = weightInit;
    this.biasInit = biasInit;
  }

  /** PyTorch's own initialisation: weight and bias uniform within 1/sqrt(in_features). */
  public static Linear torchDefault(int in, int out, boolean bias) {
    Initializer init = Initializer.uniform(1.0 / Math.sqrt(in));
    return new Linear(in, out, bias, init, init);
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    var w = ctx.params().variable(tf, ctx.name("weight"), Shape.of(outFeatures, inFeatures), weightInit,
        !ctx.frozen(), false, "Linear");
    Shape shape = x.shape();
    Operand<TFloat32> flat = shape.numDimensions() == 2 ? x : tf.reshape(x, tf.constant(new long[] {-1, inFeatures}));
    Operand<TFloat32> y = tf.linalg.matMul(flat, w, MatMul.transposeB(true));
    if (bias) {
      var b = ctx.params().variable(tf, ctx.name("bias"), Shape.of(outFeatures), biasInit, !ctx.frozen(), false, "Linear");
      y = tf.nn.biasAdd(y, b);
    }
    if (shape.numDimensions() == 2) {
      return y;
    }
    long[] out = shape.asArray();
    out[out.length - 1] = outFeatures;
    return tf.reshape(y, tf.constant(out));
  }

  @Override
  public long parameterCount() {
    return (long) inFeatures * outFeatures + (bias ? outFeatures : 0);
  }

  public int outFeatures() {
    return outFeatures;
  }
}
