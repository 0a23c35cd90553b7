package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's (and MMDetection's) {@code CSPLayer}: a 1x1 {@code short_conv} and a 1x1
 * {@code main_conv} to {@code out * expand_ratio} channels, {@code num_blocks} blocks on the main
 * path ({@link CSPNeXtBlock}, CSPNeXt's or Darknet's), the two concatenated (main first), optional
 * {@link ChannelAttention} ({@code attention}), and a 1x1 {@code final_conv}.
 */
public final class CSPLayer implements Layer {
  private final ConvModule mainConv;
  private final ConvModule shortConv;
  private final ConvModule finalConv;
  private final Sequential blocks;
  @Nullable private final ChannelAttention attention;

  public CSPLayer(int in, int out, double expandRatio, int numBlocks, boolean addIdentity, boolean useDepthwise,
      boolean useCspnextBlock, boolean channelAttention, @Nullable NormCfg norm, @Nullable ActCfg act) {
    int mid = (int) (out * expandRatio);
    this.mainConv = ConvModule.builder(in, mid, 1).norm(norm).act(act).build();
    this.shortConv = ConvModule.builder(in, mid, 1).norm(norm).act(act).build();
    this.finalConv = ConvModule.builder(2 * mid, out, 1).norm(norm).act(act).build();
    List<Layer> b = new ArrayList<>();
    for (int i = 0; i < numBlocks; i++) {
      b.add(new CSPNeXtBlock(useCspnextBlock, mid, mid, 1.0, addIdentity, useDepthwise, norm, act));
    }
    this.blocks = new Sequential(b);
    this.attention = channelAttention ? new ChannelAttention(2 * mid) : null;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Operand<TFloat32> xShort = shortConv.apply(ctx.child("short_conv"), x);
    Operand<TFloat32> xMain = blocks.apply(ctx.child("blocks"), mainConv.apply(ctx.child("main_conv"), x));
    Operand<TFloat32> y = tf.concat(List.of(xMain, xShort), tf.constant(3));
    if (attention != null) {
      y = attention.apply(ctx.child("attention"), y);
    }
    return finalConv.apply(ctx.child("final_conv"), y);
  }

  @Override
  public long parameterCount() {
    return mainConv.parameterCount() + shortConv.parameterCount() + finalConv.parameterCount() + blocks.parameterCount()
        + (attention == null ? 0 : attention.parameterCount());
  }
}
