package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Linear;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * MMPretrain's {@code MultiheadAttention} on tokens {@code [B, N, C]}: one {@code qkv} projection,
 * scaled dot-product attention per head ({@code head_dims ** -0.5}; MMPretrain applies that scale
 * even when {@code qk_scale} is given), {@code proj}, {@code proj_drop}, the optional layer scale
 * {@code gamma1} and the {@code DropPath} of its {@code dropout_layer}. {@link #attend} is the one
 * attention every transformer block here uses.
 */
public final class MultiheadAttention implements Layer {
  private final int embedDims;
  private final int numHeads;
  private final Linear qkv;
  private final Linear proj;
  private final Dropout attnDrop;
  private final Dropout projDrop;
  private final DropPath outDrop;
  private final LayerScale gamma1;

  public MultiheadAttention(int embedDims, int numHeads, int inputDims, double attnDrop, double projDrop,
      double dropPathRate, boolean qkvBias, boolean projBias, double layerScaleInitValue) {
    if (embedDims % numHeads != 0) {
      throw new IllegalArgumentException("embed_dims " + embedDims + " is not a multiple of num_heads " + numHeads);
    }
    this.embedDims = embedDims;
    this.numHeads = numHeads;
    this.qkv = Linear.torchDefault(inputDims, embedDims * 3, qkvBias);
    this.proj = Linear.torchDefault(embedDims, embedDims, projBias);
    this.attnDrop = new Dropout(attnDrop);
    this.projDrop = new Dropout(projDrop);
    this.outDrop = new DropPath(dropPathRate);
    this.gamma1 = layerScaleInitValue > 0 ? new LayerScale(embedDims, layerScaleInitValue) : null;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    long b = x.shape().size(0);
    long n = x.shape().size(1);
    int headDims = embedDims / numHeads;
    // [B, N, 3C] -> [3, B, heads, N, head_dims]
    var qkvOut = tf.linalg.transpose(
        tf.reshape(qkv.apply(ctx.child("qkv"), x), tf.constant(new long[] {b, n, 3, numHeads, headDims})),
        tf.constant(new int[] {2, 0, 3, 1, 4}));
    List<org.tensorflow.Output<TFloat32>> parts = tf.unstack(qkvOut, 3L).output();
    var heads = attend(ctx, parts.get(0), parts.get(1), parts.get(2), Math.pow(headDims, -0.5), null, attnDrop);
    var merged = tf.reshape(tf.linalg.transpose(heads, tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new long[] {b, n, embedDims}));
    Operand<TFloat32> y = projDrop.apply(ctx, proj.apply(ctx.child("proj"), merged));
    if (gamma1 != null) {
      y = gamma1.apply(ctx.child("gamma1"), y);
    }
    return outDrop.apply(ctx, y);
  }

  /**
   * {@code softmax(q k^T * scale + bias) v} over the last two axes ({@code [..., N, d]}),
   * with {@code bias} (relative positions, window masks; broadcast, may be null) added before the
   * softmax and dropout on the attention weights.
   */
  public static Operand<TFloat32> attend(GraphContext ctx, Operand<TFloat32> q, Operand<TFloat32> k,
      Operand<TFloat32> v, double scale, Operand<TFloat32> bias, Dropout attnDrop) {
    var tf = ctx.tf();
    Operand<TFloat32> logits = tf.train.batchMatMul(tf.math.mul(q, tf.constant((float) scale)), k, TFloat32.class,
        BatchMatMul.adjY(true));
    if (bias != null) {
      logits = tf.math.add(logits, bias);
    }
    var weights = attnDrop.apply(ctx, tf.nn.softmax(logits));
    return tf.train.batchMatMul(weights, v, TFloat32.class);
  }

  @Override
  public long parameterCount() {
    return qkv.parameterCount() + proj.parameterCount() + (gamma1 == null ? 0 : gamma1.parameterCount());
  }
}
