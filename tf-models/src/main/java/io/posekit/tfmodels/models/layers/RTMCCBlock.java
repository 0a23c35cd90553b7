package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Linear;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code RTMCCBlock}, the gated attention unit (GAU) of RTMPose, self-attention form, on
 * tokens {@code [B, N, C]}: ScaleNorm ({@code ln}), one projection ({@code uv}, no bias) to
 * {@code u}, {@code v} (each {@code e = C * expansion_factor}) and a shared {@code s}-wide base,
 * activated (SiLU or ReLU); {@code q} and {@code k} are the base scaled and shifted per row of
 * {@code gamma}/{@code beta} (optionally rotated by RoPE, {@code pos_enc}); the kernel
 * {@code relu((q k^T [+ rel. position bias w]) / sqrt(s))^2} (dropout) mixes {@code v}, gated by
 * {@code u}, and {@code o} projects back; with equal in and out widths the input scaled by
 * {@code res_scale} is added (the main branch through drop-path).
 */
public final class RTMCCBlock implements Layer {
  private final int numToken;
  private final int in;
  private final int out;
  private final int e;
  private final int s;
  private final boolean relu;
  private final boolean useRelBias;
  private final boolean posEnc;
  private final ScaleNorm ln;
  private final Linear uv;
  private final Linear o;
  private final Scale resScale;
  private final Layer dropPath;
  private final Layer dropout;

  /** @param actFn {@code 'SiLU'} or {@code 'ReLU'} */
  public RTMCCBlock(int numToken, int inTokenDims, int outTokenDims, double expansionFactor, int s, double eps,
      double dropoutRate, double dropPath, String actFn, boolean bias, boolean useRelBias, boolean posEnc) {
    if (!actFn.equals("SiLU") && !actFn.equals("ReLU")) {
      throw new IllegalArgumentException("RTMCCBlock act_fn: 'SiLU' or 'ReLU', got '" + actFn + "'");
    }
    this.numToken = numToken;
    this.in = inTokenDims;
    this.out = outTokenDims;
    this.e = (int) (inTokenDims * expansionFactor);
    this.s = s;
    this.relu = actFn.equals("ReLU");
    this.useRelBias = useRelBias;
    this.posEnc = posEnc;
    this.ln = new ScaleNorm(inTokenDims, eps);
    this.uv = new Linear(inTokenDims, 2 * e + s, bias, Initializer.xavierUniform(inTokenDims, 2L * e + s),
        Initializer.constant(0f));
    this.o = new Linear(e, outTokenDims, bias, Initializer.uniform(1.0 / Math.sqrt(e)), Initializer.uniform(1.0 / Math.sqrt(e)));
    this.resScale = inTokenDims == outTokenDims ? new Scale(inTokenDims) : null;
    this.dropPath = dropPath > 0 ? new DropPath(dropPath) : null;
    this.dropout = dropoutRate > 0 ? new Dropout(dropoutRate) : null;
  }

  /** {@code torch.rand}: uniform on [0, 1). */
  private static Initializer rand() {
    return (tf, shape, seed) -> tf.random.randomUniform(tf.constant(shape.asArray()), TFloat32.class,
        org.tensorflow.op.random.RandomUniform.seed(seed), org.tensorflow.op.random.RandomUniform.seed2(seed * 31 + 11));
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> main = attention(ctx, x);
    if (dropPath != null) {
      main = dropPath.apply(ctx.child("drop_path"), main);
    }
    return resScale == null ? main : tf.math.add(resScale.apply(ctx.child("res_scale"), x), main);
  }

  private Operand<TFloat32> attention(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    long b = x.shape().size(0);
    long n = x.shape().size(1);
    Operand<TFloat32> h = uv.apply(ctx.child("uv"), ln.apply(ctx.child("ln"), x));
    h = relu ? tf.nn.relu(h) : tf.math.mul(h, tf.math.sigmoid(h));
    Operand<TFloat32> u = slice(ctx, h, 0, e, b, n);
    Operand<TFloat32> v = slice(ctx, h, e, e, b, n);
    Operand<TFloat32> base = slice(ctx, h, 2L * e, s, b, n);
    var gamma = ctx.params().variable(tf, ctx.name("gamma"), Shape.of(2, s), rand(), !ctx.frozen(), false, "RTMCCBlock");
    var beta = ctx.params().variable(tf, ctx.name("beta"), Shape.of(2, s), rand(), !ctx.frozen(), false, "RTMCCBlock");
    // base[..., None, :] * gamma + beta, then unbind the pair
    Operand<TFloat32> qk = tf.math.add(tf.math.mul(tf.expandDims(base, tf.constant(2)), gamma), beta); // [B, N, 2, s]
    if (posEnc) {
      qk = rope(ctx, qk, n);
    }
    Operand<TFloat32> q = tf.reshape(tf.slice(qk, tf.constant(new long[] {0, 0, 0, 0}), tf.constant(new long[] {b, n, 1, s})),
        tf.constant(new long[] {b, n, s}));
    Operand<TFloat32> k = tf.reshape(tf.slice(qk, tf.constant(new long[] {0, 0, 1, 0}), tf.constant(new long[] {b, n, 1, s})),
        tf.constant(new long[] {b, n, s}));
    Operand<TFloat32> scores = tf.train.batchMatMul(q, k, TFloat32.class, BatchMatMul.adjY(true)); // [B, N, N]
    if (useRelBias) {
      var w = ctx.params().variable(tf, ctx.name("w"), Shape.of(2L * numToken - 1), rand(), !ctx.frozen(), false, "RTMCCBlock");
      scores = tf.math.add(scores, relPosBias(ctx, w, (int) n));
    }
    Operand<TFloat32> kernel = tf.math.square(tf.nn.relu(tf.math.div(scores, tf.constant((float) Math.sqrt(s)))));
    if (dropout != null) {
      kernel = dropout.apply(ctx.child("dropout"), kernel);
    }
    Operand<TFloat32> mixed = tf.math.mul(u, tf.train.batchMatMul(kernel, v, TFloat32.class));
    return o.apply(ctx.child("o"), mixed);
  }

  private static Operand<TFloat32> slice(GraphContext ctx, Operand<TFloat32> x, long start, long width, long b, long n) {
    var tf = ctx.tf();
    return tf.slice(x, tf.constant(new long[] {0, 0, start}), tf.constant(new long[] {b, n, width}));
  }

  /** MMPose's {@code rel_pos_bias} for self-attention: {@code bias[i][j] = w[j - i + N - 1]}. */
  private static Operand<TFloat32> relPosBias(GraphContext ctx, Operand<TFloat32> w, int n) {
    int[][] idx = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        idx[i][j] = j - i + n - 1;
      }
    }
    return ctx.tf().gather(w, ctx.tf().constant(idx), ctx.tf().constant(0));
  }

  /**
   * MMPose's {@code rope(base, dim=1)}: token position {@code p} times {@code 10000^(i / half)} for
   * {@code i < half = s / 2} (MMPose's exponent sign), then the two halves of the last axis rotated.
   */
  private Operand<TFloat32> rope(GraphContext ctx, Operand<TFloat32> x, long n) {
    var tf = ctx.tf();
    int half = s / 2;
    float[] sin = new float[(int) n * half];
    float[] cos = new float[(int) n * half];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < half; i++) {
        float invFreq = (float) Math.pow(10000.0, (float) i / (float) half);
        float angle = (float) p * invFreq;
        sin[p * half + i] = (float) Math.sin(angle);
        cos[p * half + i] = (float) Math.cos(angle);
      }
    }
    Shape shape = Shape.of(n, 1, half);
    var sinT = tf.constant(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(sin));
    var cosT = tf.constant(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(cos));
    long[] dims = x.shape().asArray();
    long[] halfDims = dims.clone();
    halfDims[3] = half;
    Operand<TFloat32> x1 = tf.slice(x, tf.constant(new long[] {0, 0, 0, 0}), tf.constant(halfDims));
    Operand<TFloat32> x2 = tf.slice(x, tf.constant(new long[] {0, 0, 0, half}), tf.constant(halfDims));
    return tf.concat(List.of(tf.math.sub(tf.math.mul(x1, cosT), tf.math.mul(x2, sinT)),
        tf.math.add(tf.math.mul(x2, cosT), tf.math.mul(x1, sinT))), tf.constant(3));
  }

  @Override
  public long parameterCount() {
    return 1 + uv.parameterCount() + o.parameterCount() + 4L * s + (resScale == null ? 0 : resScale.parameterCount())
        + (useRelBias ? 2L * numToken - 1 : 0);
  }
}
