package io.posekit.tfmodels.models.backbones.mmpretrain;

import io.posekit.tfmodels.models.layers.ConfigArgs;
import io.posekit.tfmodels.models.layers.FFN;
import io.posekit.tfmodels.models.layers.MultiheadAttention;
import io.posekit.tfmodels.models.layers.TokenNorm;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.LayerNorm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPretrain's ViT encoder layer ({@code TransformerEncoderLayer}): pre-norm attention and FFN,
 * {@code x + attn(ln1(x))}, then {@code x + ffn(ln2(x))}.
 */
public final class TransformerEncoderLayer implements Layer {
  /** The keys of one {@code layer_cfgs} entry, MMPretrain's constructor arguments. */
  public static final Set<String> KEYS = Set.of("embed_dims", "num_heads", "feedforward_channels", "layer_scale_init_value",
      "drop_rate", "attn_drop_rate", "drop_path_rate", "num_fcs", "qkv_bias", "ffn_type", "act_cfg", "norm_cfg");

  private final LayerNorm ln1;
  private final MultiheadAttention attn;
  private final LayerNorm ln2;
  private final FFN ffn;

  /** Built from the arguments dict (defaults filled in by the backbone, {@code layer_cfgs} entries merged over them). */
  public TransformerEncoderLayer(Map<String, Object> cfg, String where) {
    Map<String, Object> c = new LinkedHashMap<>(cfg);
    int dims = ConfigArgs.integer(c.get("embed_dims"), where + ".embed_dims");
    int heads = ConfigArgs.integer(c.get("num_heads"), where + ".num_heads");
    int hidden = ConfigArgs.integer(c.get("feedforward_channels"), where + ".feedforward_channels");
    double layerScale = num(c, "layer_scale_init_value", 0, where);
    double dropRate = num(c, "drop_rate", 0, where);
    double attnDrop = num(c, "attn_drop_rate", 0, where);
    double dropPath = num(c, "drop_path_rate", 0, where);
    int numFcs = c.containsKey("num_fcs") ? ConfigArgs.integer(c.get("num_fcs"), where + ".num_fcs") : 2;
    boolean qkvBias = !c.containsKey("qkv_bias") || ConfigArgs.bool(c.get("qkv_bias"), where + ".qkv_bias");
    Object ffnType = c.getOrDefault("ffn_type", "origin");
    if (!"origin".equals(ffnType)) {
      throw new IllegalArgumentException(where + ".ffn_type: '" + ffnType + "' is not supported, only 'origin'");
    }
    ActCfg act = ActCfg.parse(c.getOrDefault("act_cfg", Map.of("type", "GELU")), where + ".act_cfg");
    if (act == null) {
      throw new IllegalArgumentException(where + ".act_cfg: FFN needs an activation, got None");
    }
    Object normCfg = c.containsKey("norm_cfg") ? c.get("norm_cfg") : Map.of("type", "LN");
    this.ln1 = TokenNorm.build(normCfg, dims, where + ".norm_cfg");
    this.attn = new MultiheadAttention(dims, heads, dims, attnDrop, dropRate, dropPath, qkvBias, true, layerScale);
    this.ln2 = TokenNorm.build(normCfg, dims, where + ".norm_cfg");
    this.ffn = new FFN(dims, hidden, numFcs, act, dropRate, dropPath, true, layerScale);
  }

  private static double num(Map<String, Object> c, String key, double dflt, String where) {
    return c.containsKey(key) ? ConfigArgs.number(c.get(key), where + "." + key) : dflt;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var y = ctx.tf().math.add(x, attn.apply(ctx.child("attn"), ln1.apply(ctx.child("ln1"), x)));
    return ffn.apply(ctx.child("ffn"), ln2.apply(ctx.child("ln2"), y), y);
  }

  @Override
  public long parameterCount() {
    return ln1.parameterCount() + attn.parameterCount() + ln2.parameterCount() + ffn.parameterCount();
  }
}
