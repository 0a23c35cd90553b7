package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.ConfigArgs;
import io.posekit.tfmodels.models.layers.FFN;
import io.posekit.tfmodels.models.layers.PatchEmbed;
import io.posekit.tfmodels.models.layers.PatchMerging;
import io.posekit.tfmodels.models.layers.ShiftWindowMSA;
import io.posekit.tfmodels.models.layers.TokenNorm;
import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.LayerNorm;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code SwinTransformer}: a non-overlapping patch embedding (optionally normed), an
 * optional absolute position embedding, stages of (shifted) window-attention blocks each followed
 * but the last by a 2x2 {@code PatchMerging} that doubles the width, and per {@code out_indices}
 * a {@code norm<i>} of the stage's output (before its downsampling) as an NHWC map. Stochastic depth
 * rises linearly over all blocks. {@code with_cp} (activation checkpointing) changes only memory
 * and is accepted; {@code convert_weights} concerns loading official Swin checkpoints through a
 * {@code Pretrained} init_cfg, whose key conversion is not done here. The default {@code init_cfg}
 * (TruncNormal on Linear, Constant on LayerNorm) is how the layers start already.
 */
@RegisterModule(registry = Registries.MODELS)
public final class SwinTransformer implements Backbone {
  private final int[] outIndices;
  private final int frozenStages;
  private final PatchEmbed patchEmbed;
  private final int[] absPosGrid;
  private final int embedDims;
  private final Dropout dropAfterPos;
  private final List<List<SwinBlock>> stages = new ArrayList<>();
  private final List<PatchMerging> downsamples = new ArrayList<>();
  private final List<LayerNorm> outNorms = new ArrayList<>();
  private final List<InitCfg> initCfg;

  public SwinTransformer(
      @Param(defaultValue = "224") Object pretrainImgSize,
      @Param(defaultValue = "3") int inChannels,
      @Param(defaultValue = "96") int embedDims,
      @Param(defaultValue = "4") int patchSize,
      @Param(defaultValue = "7") int windowSize,
      @Param(defaultValue = "4") int mlpRatio,
      @Param(defaultValue = "(2, 2, 6, 2)") int[] depths,
      @Param(defaultValue = "(3, 6, 12, 24)") int[] numHeads,
      @Param(defaultValue = "(4, 2, 2, 2)") int[] strides,
      @Param(defaultValue = "(0, 1, 2, 3)") int[] outIndices,
      @Param(defaultValue = "True") boolean qkvBias,
      @Param(defaultValue = "None") @Nullable Double qkScale,
      @Param(defaultValue = "True") boolean patchNorm,
      @Param(defaultValue = "0.0") double dropRate,
      @Param(defaultValue = "0.0") double attnDropRate,
      @Param(defaultValue = "0.1") double dropPathRate,
      @Param(defaultValue = "False") boolean useAbsPosEmbed,
      @Param(defaultValue = "dict(type='GELU')") Map<String, Object> actCfg,
      @Param(defaultValue = "dict(type='LN')") Map<String, Object> normCfg,
      @Param(defaultValue = "False") boolean withCp,
      @Param(defaultValue = "False") boolean convertWeights,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this.initCfg = InitCfg.parse(initCfg, "SwinTransformer.init_cfg");
    int numLayers = depths.length;
    if (numHeads.length != numLayers || strides.length != numLayers) {
      throw new IllegalArgumentException("SwinTransformer: depths, num_heads and strides need one value per stage");
    }
    if (strides[0] != patchSize) {
      throw new IllegalArgumentException("SwinTransformer.strides[0]: Use non-overlapping patch embed (strides[0] "
          + strides[0] + " != patch_size " + patchSize + ")");
    }
    for (int i : outIndices) {
      if (i < 0 || i >= numLayers) {
        throw new IllegalArgumentException("SwinTransformer.out_indices: " + i + " outside 0.." + (numLayers - 1));
      }
    }
    this.outIndices = outIndices.clone();
    this.frozenStages = frozenStages;
    this.embedDims = embedDims;
    String where = "SwinTransformer.norm_cfg";
    ActCfg act = ActCfg.parse(actCfg, "SwinTransformer.act_cfg");
    this.patchEmbed = new PatchEmbed(inChannels, embedDims, patchSize, strides[0], "corner", 1, true,
        patchNorm ? TokenNorm.build(normCfg, embedDims, where) : null);
    int[] pretrain = ConfigArgs.pair(pretrainImgSize, "SwinTransformer.pretrain_img_size");
    this.absPosGrid = useAbsPosEmbed ? new int[] {pretrain[0] / patchSize, pretrain[1] / patchSize} : null;
    this.dropAfterPos = new Dropout(dropRate);
    int total = 0;
    for (int d : depths) {
      total += d;
    }
    int block = 0;
    int channels = embedDims;
    for (int i = 0; i < numLayers; i++) {
      List<SwinBlock> blocks = new ArrayList<>();
      for (int j = 0; j < depths[i]; j++, block++) {
        // torch.linspace(0, drop_path_rate, sum(depths))
        double dpr = total == 1 ? 0.0 : dropPathRate * block / (total - 1);
        blocks.add(new SwinBlock(channels, numHeads[i], mlpRatio * channels, windowSize, j % 2 == 1, qkvBias, qkScale,
            dropRate, attnDropRate, dpr, act, TokenNorm.build(normCfg, channels, where),
            TokenNorm.build(normCfg, channels, where)));
      }
      stages.add(blocks);
      if (i < numLayers - 1) {
        if (strides[i + 1] != 2) {
          throw new IllegalArgumentException("SwinTransformer.strides[" + (i + 1) + "]: only 2 is supported, got "
              + strides[i + 1]);
        }
        PatchMerging merge = new PatchMerging(channels, 2 * channels, 2,
            patchNorm ? TokenNorm.build(normCfg, 4 * channels, where) : null, false);
        downsamples.add(merge);
        channels = merge.outChannels();
      }
    }
    for (int i = 0; i < numLayers; i++) {
      boolean out = false;
      for (int o : outIndices) {
        out |= o == i;
      }
      outNorms.add(out ? TokenNorm.build(normCfg, embedDims << i, where) : null);
    }
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    GraphContext stem = ctx.withFrozen(frozenStages >= 0);
    PatchEmbed.Tokens t = patchEmbed.apply(stem.child("patch_embed"), x);
    Operand<TFloat32> tokens = t.tokens();
    int h = t.height();
    int w = t.width();
    if (absPosGrid != null) {
      var pos = stem.params().variable(tf, stem.name("absolute_pos_embed"),
          Shape.of(1, (long) absPosGrid[0] * absPosGrid[1], embedDims), Initializer.normal(0.02), !stem.frozen(), false,
          "SwinTransformer");
      tokens = tf.math.add(tokens, pos);
    }
    tokens = dropAfterPos.apply(stem, tokens);
    List<Operand<TFloat32>> outs = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      GraphContext stage = ctx.withFrozen(i + 1 <= frozenStages).child("stages").child(i);
      GraphContext blocks = stage.child("blocks");
      for (int j = 0; j < stages.get(i).size(); j++) {
        tokens = stages.get(i).get(j).apply(blocks.child(j), tokens, h, w);
      }
      Operand<TFloat32> out = tokens;
      int oh = h;
      int ow = w;
      if (i < downsamples.size()) {
        PatchEmbed.Tokens merged = downsamples.get(i).apply(stage.child("downsample"), tokens, h, w);
        tokens = merged.tokens();
        h = merged.height();
        w = merged.width();
      }
      if (outNorms.get(i) != null) {
        var normed = outNorms.get(i).apply(ctx.withFrozen(i + 1 <= frozenStages).child("norm" + i), out);
        outs.add(tf.reshape(normed, tf.constant(new long[] {out.shape().size(0), oh, ow, embedDims << i})));
      }
    }
    return outs;
  }

  @Override
  public long parameterCount() {
    long n = patchEmbed.parameterCount() + (absPosGrid == null ? 0 : (long) absPosGrid[0] * absPosGrid[1] * embedDims);
    for (List<SwinBlock> blocks : stages) {
      for (SwinBlock b : blocks) {
        n += b.parameterCount();
      }
    }
    for (PatchMerging m : downsamples) {
      n += m.parameterCount();
    }
    for (LayerNorm norm : outNorms) {
      n += norm == null ? 0 : norm.parameterCount();
    }
    return n;
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  /** MMPose's {@code SwinBlock}: {@code x + attn(norm1(x))}, then {@code x + ffn(norm2(x))}. */
  private static final class SwinBlock {
    private final LayerNorm norm1;
    private final ShiftWindowMSA attn;
    private final LayerNorm norm2;
    private final FFN ffn;

    SwinBlock(int dims, int heads, int hidden, int window, boolean shift, boolean qkvBias, Double qkScale,
        double dropRate, double attnDropRate, double dropPath, ActCfg act, LayerNorm norm1, LayerNorm norm2) {
      this.norm1 = norm1;
      this.attn = new ShiftWindowMSA(dims, heads, window, shift ? window / 2 : 0, qkvBias, qkScale, attnDropRate,
          dropRate, dropPath);
      this.norm2 = norm2;
      this.ffn = new FFN(dims, hidden, 2, act, dropRate, dropPath, true, 0);
    }

    Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x, int h, int w) {
      var y = ctx.tf().math.add(x, attn.apply(ctx.child("attn"), norm1.apply(ctx.child("norm1"), x), h, w));
      return ffn.apply(ctx.child("ffn"), norm2.apply(ctx.child("norm2"), y), y);
    }

    long parameterCount() {
      return norm1.parameterCount() + attn.parameterCount() + norm2.parameterCount() + ffn.parameterCount();
    }
  }
}
