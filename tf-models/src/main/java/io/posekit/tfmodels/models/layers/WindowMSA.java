package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Linear;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Swin's window attention (MMPose's {@code WindowMSA}) on windows {@code [B * nW, Wh * Ww, C]}:
 * {@code qkv}, {@link MultiheadAttention#attend} with the learnt
 * {@code relative_position_bias_table} gathered through the {@code relative_position_index}
 * buffer (kept, as PyTorch keeps it, in the state dict) plus an optional per-window mask,
 * {@code proj}.
 */
public final class WindowMSA {
  private final int embedDims;
  private final int numHeads;
  private final int window;
  private final double scale;
  private final Linear qkv;
  private final Linear proj;
  private final Dropout attnDrop;
  private final Dropout projDrop;

  public WindowMSA(int embedDims, int numHeads, int window, boolean qkvBias, Double qkScale, double attnDrop,
      double projDrop) {
    this.embedDims = embedDims;
    this.numHeads = numHeads;
    this.window = window;
    this.scale = qkScale != null ? qkScale : Math.pow(embedDims / numHeads, -0.5);
    this.qkv = Linear.torchDefault(embedDims, embedDims * 3, qkvBias);
    this.proj = Linear.torchDefault(embedDims, embedDims, true);
    this.attnDrop = new Dropout(attnDrop);
    this.projDrop = new Dropout(projDrop);
  }

  /** MMPose's {@code relative_position_index}: {@code [N, N]}, N = Wh * Ww, row-major over windows. */
  static float[] relativePositionIndex(int window) {
    int n = window * window;
    // double_step_seq(2W - 1, W, 1, W): seq[i * W + j] = i * (2W - 1) + j; index = (seq + seq^T) flipped on axis 1
    int[] seq = new int[n];
    for (int i = 0; i < window; i++) {
      for (int j = 0; j < window; j++) {
        seq[i * window + j] = i * (2 * window - 1) + j;
      }
    }
    float[] out = new float[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        int flipped = n - 1 - b;
        out[a * n + b] = seq[a] + seq[flipped];
      }
    }
    return out;
  }

  /** {@code x}: windows {@code [B * nW, N, C]}; {@code mask}: {@code [nW, N, N]} of 0 / -100, or null. */
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> mask) {
    var tf = ctx.tf();
    long b = x.shape().size(0);
    int n = window * window;
    int headDims = embedDims / numHeads;
    int tableRows = (2 * window - 1) * (2 * window - 1);
    var table = ctx.params().variable(tf, ctx.name("relative_position_bias_table"), Shape.of(tableRows, numHeads),
        Initializer.normal(0.02), !ctx.frozen(), false, "WindowMSA");
    var index = ctx.params().variable(tf, ctx.name("relative_position_index"), Shape.of(n, n),
        Initializer.values(relativePositionIndex(window)), false, true, "WindowMSA");
    // table[index] -> [N, N, heads] -> [heads, N, N]
    Operand<TInt32> flat = tf.dtypes.cast(tf.reshape(index, tf.constant(new int[] {-1})), TInt32.class);
    var bias = tf.linalg.transpose(tf.reshape(tf.gather(table, flat, tf.constant(0)), tf.constant(new int[] {n, n, numHeads})),
        tf.constant(new int[] {2, 0, 1}));
    var qkvOut = tf.linalg.transpose(
        tf.reshape(qkv.apply(ctx.child("qkv"), x), tf.constant(new long[] {b, n, 3, numHeads, headDims})),
        tf.constant(new int[] {2, 0, 3, 1, 4}));
    List<org.tensorflow.Output<TFloat32>> parts = tf.unstack(qkvOut, 3L).output();
    Operand<TFloat32> q = parts.get(0);
    Operand<TFloat32> k = parts.get(1);
    Operand<TFloat32> v = parts.get(2);
    Operand<TFloat32> heads;
    if (mask == null) {
      heads = MultiheadAttention.attend(ctx, q, k, v, scale, bias, attnDrop);
    } else {
      // [B * nW, heads, N, d] -> [B, nW, heads, N, d], bias + mask[nW, 1, N, N]
      long windows = mask.shape().size(0);
      long[] split = {b / windows, windows, numHeads, n, headDims};
      var m = tf.math.add(bias, tf.expandDims(mask, tf.constant(1)));
      heads = tf.reshape(MultiheadAttention.attend(ctx, tf.reshape(q, tf.constant(split)), tf.reshape(k, tf.constant(split)),
          tf.reshape(v, tf.constant(split)), scale, m, attnDrop), tf.constant(new long[] {b, numHeads, n, headDims}));
    }
    var merged = tf.reshape(tf.linalg.transpose(heads, tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new long[] {b, n, embedDims}));
    return projDrop.apply(ctx, proj.apply(ctx.child("proj"), merged));
  }

  public long parameterCount() {
    return (long) (2 * window - 1) * (2 * window - 1) * numHeads + qkv.parameterCount() + proj.parameterCount();
  }
}
