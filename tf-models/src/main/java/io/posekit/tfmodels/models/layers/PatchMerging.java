package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.LayerNorm;
import io.posekit.tfmodels.nn.Linear;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's / MMCV's {@code PatchMerging} with kernel = stride (Swin's 2x2): tokens of an
 * {@code H x W} grid padded bottom/right ({@code 'corner'}) to whole patches, each patch's
 * {@code k * k * C} values gathered in {@code nn.Unfold}'s order (channel-major, then row, then
 * column), the optional {@code norm}, and the bias-free {@code reduction} linear.
 */
public final class PatchMerging {
  private final int inChannels;
  private final int kernel;
  private final LayerNorm norm;
  private final Linear reduction;

  public PatchMerging(int inChannels, int outChannels, int kernel, LayerNorm norm, boolean bias) {
    this.inChannels = inChannels;
    this.kernel = kernel;
    this.norm = norm;
    int sample = kernel * kernel * inChannels;
    Initializer init = Initializer.uniform(1.0 / Math.sqrt(sample));
    this.reduction = new Linear(sample, outChannels, bias, init, init);
  }

  /** Merged tokens and their grid. */
  public PatchEmbed.Tokens apply(GraphContext ctx, Operand<TFloat32> x, int h, int w) {
    var tf = ctx.tf();
    long b = x.shape().size(0);
    Operand<TFloat32> map = tf.reshape(x, tf.constant(new long[] {b, h, w, inChannels}));
    int padH = (kernel - h % kernel) % kernel;
    int padW = (kernel - w % kernel) % kernel;
    if (padH > 0 || padW > 0) {
      map = tf.pad(map, tf.constant(new int[][] {{0, 0}, {0, padH}, {0, padW}, {0, 0}}), tf.constant(0f));
    }
    int oh = (h + padH) / kernel;
    int ow = (w + padW) / kernel;
    // [B, oh, k, ow, k, C] -> [B, oh, ow, C, k, k]: Unfold's (C, kh, kw) order per patch
    Operand<TFloat32> tokens = tf.reshape(tf.linalg.transpose(
        tf.reshape(map, tf.constant(new long[] {b, oh, kernel, ow, kernel, inChannels})),
        tf.constant(new int[] {0, 1, 3, 5, 2, 4})), tf.constant(new long[] {b, (long) oh * ow, (long) kernel * kernel * inChannels}));
    if (norm != null) {
      tokens = norm.apply(ctx.child("norm"), tokens);
    }
    return new PatchEmbed.Tokens(reduction.apply(ctx.child("reduction"), tokens), oh, ow);
  }

  public long parameterCount() {
    return reduction.parameterCount() + (norm == null ? 0 : norm.parameterCount());
  }

  public int outChannels() {
    return reduction.outFeatures();
  }
}
