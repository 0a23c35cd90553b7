package io.posekit.tfmodels.models.losses;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Linear;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code RealNVP} flow (models/utils/realnvp.py) of RLE: six affine couplings on 2-D
 * errors, alternating masks, each with a scale net (Linear 2-64-64-2, LeakyReLU, Tanh) and a
 * translation net (the same without Tanh), and a Gaussian prior from the {@code loc} and
 * {@code cov} buffers. {@link #logProb} is MMPose's {@code log_prob}: the inverse pass and its
 * log-determinant. Parameters and buffers keep MMPose's names ({@code s.0.0.weight}, {@code mask}).
 */
final class RealNVP {
  private static final int COUPLINGS = 6;
  private static final int HIDDEN = 64;

  /** The nets' Linear layers: xavier_uniform(gain=0.01) weights, PyTorch's default biases. */
  private static Linear linear(int in, int out) {
    double bound = 0.01 * Math.sqrt(6.0 / (in + out));
    return new Linear(in, out, true, Initializer.uniform(bound), Initializer.uniform(1.0 / Math.sqrt(in)));
  }

  private static Operand<TFloat32> mlp(GraphContext ctx, Operand<TFloat32> x, boolean tanh) {
    var tf = ctx.tf();
    Operand<TFloat32> h = tf.nn.leakyRelu(linear(2, HIDDEN).apply(ctx.child(0), x), org.tensorflow.op.nn.LeakyRelu.alpha(0.01f));
    h = tf.nn.leakyRelu(linear(HIDDEN, HIDDEN).apply(ctx.child(2), h), org.tensorflow.op.nn.LeakyRelu.alpha(0.01f));
    h = linear(HIDDEN, 2).apply(ctx.child(4), h);
    return tanh ? tf.math.tanh(h) : h;
  }

  /** {@code log_prob(x)} of errors {@code x} [N, 2]: the prior's log density of z plus the log-determinant, [N]. */
  static Operand<TFloat32> logProb(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    var loc = ctx.params().variable(tf, ctx.name("loc"), Shape.of(2), Initializer.values(0f, 0f), false, true, "RealNVP");
    var cov = ctx.params().variable(tf, ctx.name("cov"), Shape.of(2, 2), Initializer.values(1f, 0f, 0f, 1f), false, true,
        "RealNVP");
    float[] masks = new float[COUPLINGS * 2];
    for (int i = 0; i < COUPLINGS; i++) {
      masks[2 * i + (i % 2 == 0 ? 1 : 0)] = 1f; // [[0, 1], [1, 0]] * 3
    }
    var mask = ctx.params().variable(tf, ctx.name("mask"), Shape.of(COUPLINGS, 2), Initializer.values(masks), false, true,
        "RealNVP");
    Operand<TFloat32> z = x;
    Operand<TFloat32> logDet = null;
    for (int i = COUPLINGS - 1; i >= 0; i--) {
      var m = tf.gather(mask, tf.constant(i), tf.constant(0));
      var inverse = tf.math.sub(tf.constant(1f), m);
      var masked = tf.math.mul(m, z);
      var s = tf.math.mul(mlp(ctx.child("s").child(i), masked, true), inverse);
      var t = tf.math.mul(mlp(ctx.child("t").child(i), masked, false), inverse);
      z = tf.math.add(tf.math.mul(tf.math.mul(inverse, tf.math.sub(z, t)), tf.math.exp(tf.math.neg(s))), masked);
      var sum = tf.reduceSum(s, tf.constant(1));
      logDet = logDet == null ? tf.math.neg(sum) : tf.math.sub(logDet, sum);
    }
    return tf.math.add(gaussianLogProb(ctx, z, loc, cov), logDet);
  }

  /** MultivariateNormal(loc, cov).log_prob(z) in 2-D: -(d^T cov^-1 d) / 2 - log(2 pi) - log(det cov) / 2. */
  private static Operand<TFloat32> gaussianLogProb(GraphContext ctx, Operand<TFloat32> z, Operand<TFloat32> loc,
      Operand<TFloat32> cov) {
    var tf = ctx.tf();
    var d = tf.math.sub(z, loc);
    var c = tf.reshape(cov, tf.constant(new int[] {4}));
    Operand<TFloat32> a = tf.gather(c, tf.constant(0), tf.constant(0));
    Operand<TFloat32> b = tf.gather(c, tf.constant(1), tf.constant(0));
    Operand<TFloat32> cc = tf.gather(c, tf.constant(2), tf.constant(0));
    Operand<TFloat32> dd = tf.gather(c, tf.constant(3), tf.constant(0));
    var det = tf.math.sub(tf.math.mul(a, dd), tf.math.mul(b, cc));
    var dx = tf.gather(d, tf.constant(0), tf.constant(1));
    var dy = tf.gather(d, tf.constant(1), tf.constant(1));
    // d^T [[dd, -b], [-c, a]] d / det, the 2x2 inverse written out
    var quad = tf.math.div(tf.math.add(tf.math.sub(tf.math.mul(dd, tf.math.square(dx)),
        tf.math.mul(tf.math.add(b, cc), tf.math.mul(dx, dy))), tf.math.mul(a, tf.math.square(dy))), det);
    return tf.math.sub(tf.math.sub(tf.math.mul(tf.constant(-0.5f), quad), tf.constant((float) Math.log(2 * Math.PI))),
        tf.math.mul(tf.constant(0.5f), tf.math.log(det)));
  }

  static long parameterCount() {
    long mlp = (2L * HIDDEN + HIDDEN) + ((long) HIDDEN * HIDDEN + HIDDEN) + (HIDDEN * 2L + 2);
    return 2 * COUPLINGS * mlp;
  }

  private RealNVP() {}
}
