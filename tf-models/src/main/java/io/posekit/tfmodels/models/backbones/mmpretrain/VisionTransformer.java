package io.posekit.tfmodels.models.backbones.mmpretrain;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.backbones.Backbone;
import io.posekit.tfmodels.models.layers.ConfigArgs;
import io.posekit.tfmodels.models.layers.TokenNorm;
import io.posekit.tfmodels.models.layers.PatchEmbed;
import io.posekit.tfmodels.models.layers.PosEmbedResize;
import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.LayerNorm;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * MMPretrain's {@code VisionTransformer} (ViTPose's backbone): patch embedding, an optional class
 * token, a learnt position embedding (resized bicubically when the input's patch grid differs from
 * {@code img_size}'s), {@code num_layers} encoder layers with linearly rising drop path, the final
 * {@code ln1}, and per {@code out_indices} one output of {@code out_type}: {@code featmap} (NHWC
 * patch tokens), {@code raw} ({@code [B, L, C]}), {@code cls_token} ({@code [B, C]}) or
 * {@code avg_featmap} ({@code ln2} of the mean patch token).
 */
@RegisterModule(registry = Registries.MODELS)
public class VisionTransformer implements Backbone {
  private static final Map<String, int[]> ARCH_ZOO = archZoo();
  private static final Set<String> OUT_TYPES = Set.of("raw", "cls_token", "featmap", "avg_featmap");
  private static final Set<String> PATCH_KEYS = Set.of("in_channels", "input_size", "embed_dims", "conv_type",
      "kernel_size", "stride", "padding", "dilation", "bias", "norm_cfg");

  private final int embedDims;
  private final int numLayers;
  private final int[] patchResolution;
  private final PatchEmbed patchEmbed;
  /** The class token's parameter exists ({@code cls_token}); MMCls 1.x keeps it even when not used. */
  private final boolean clsParameter;
  /** The class token goes through the encoder. */
  private final boolean withClsToken;
  private final int posTokens;
  private final String outType;
  private final int[] outIndices;
  private final Dropout dropAfterPos;
  private final LayerNorm preNorm;
  private final List<TransformerEncoderLayer> layers = new ArrayList<>();
  private final LayerNorm ln1;
  private final LayerNorm ln2;
  private final int frozenStages;
  private final String interpolateMode;
  private final boolean pretrained;
  private final List<InitCfg> initCfg;

  public VisionTransformer(
      @Param(defaultValue = "'base'") Object arch,
      @Param(defaultValue = "224") Object imgSize,
      @Param(defaultValue = "16") Object patchSize,
      @Param(defaultValue = "3") int inChannels,
      @Param(defaultValue = "-1") Object outIndices,
      @Param(defaultValue = "0.0") double dropRate,
      @Param(defaultValue = "0.0") double dropPathRate,
      @Param(defaultValue = "True") boolean qkvBias,
      @Param(defaultValue = "dict(type='LN', eps=1e-6)") Map<String, Object> normCfg,
      @Param(defaultValue = "True") boolean finalNorm,
      @Param(defaultValue = "'cls_token'") String outType,
      @Param(defaultValue = "True") boolean withClsToken,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "'bicubic'") String interpolateMode,
      @Param(defaultValue = "0.0") double layerScaleInitValue,
      @Param(defaultValue = "dict()") Map<String, Object> patchCfg,
      @Param(defaultValue = "dict()") Object layerCfgs,
      @Param(defaultValue = "False") boolean preNorm,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this(archSettings(arch, ARCH_ZOO, "VisionTransformer.arch"), imgSize, patchSize, inChannels, outIndices, dropRate,
        dropPathRate, qkvBias, normCfg, finalNorm, outType, withClsToken, withClsToken, frozenStages, interpolateMode,
        layerScaleInitValue, patchCfg, layerCfgs, preNorm, initCfg, "VisionTransformer");
  }

  /**
   * The encoder both scopes share; {@code clsParameter} and {@code withClsToken} differ for
   * MMCls 1.x, whose class token and its position slot always exist and whose
   * {@code with_cls_token=False} drops the token after the position embedding.
   */
  protected VisionTransformer(Map<String, Object> arch, Object imgSize, Object patchSize, int inChannels,
      Object outIndices, double dropRate, double dropPathRate, boolean qkvBias, Map<String, Object> normCfg,
      boolean finalNorm, String outType, boolean clsParameter, boolean withClsToken, int frozenStages,
      String interpolateMode, double layerScaleInitValue, Map<String, Object> patchCfg, Object layerCfgs,
      boolean preNorm, Object initCfg, String name) {
    this.initCfg = InitCfg.parse(initCfg, name + ".init_cfg");
    this.pretrained = !this.initCfg.isEmpty() && this.initCfg.get(0).isPretrained();
    this.embedDims = ConfigArgs.integer(arch.get("embed_dims"), name + ".arch.embed_dims");
    this.numLayers = ConfigArgs.integer(arch.get("num_layers"), name + ".arch.num_layers");
    if (!OUT_TYPES.contains(outType)) {
      throw new IllegalArgumentException(name + ".out_type: unsupported '" + outType + "', choose from " + OUT_TYPES);
    }
    if (!withClsToken && outType.equals("cls_token")) {
      throw new IllegalArgumentException(name + ": with_cls_token must be True when out_type='cls_token'");
    }
    this.outType = outType;
    this.clsParameter = clsParameter;
    this.withClsToken = withClsToken;
    this.frozenStages = frozenStages;
    this.interpolateMode = interpolateMode;
    PosEmbedResize.checkMode(interpolateMode, name + ".interpolate_mode");

    // patch embedding: the backbone's arguments, then patch_cfg's overrides (MMPretrain's _patch_cfg.update)
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("in_channels", inChannels);
    patch.put("input_size", imgSize);
    patch.put("embed_dims", embedDims);
    patch.put("conv_type", "Conv2d");
    patch.put("kernel_size", patchSize);
    patch.put("stride", patchSize);
    patch.put("bias", !preNorm);
    patch.putAll(ConfigArgs.dict(patchCfg, PATCH_KEYS, name + ".patch_cfg"));
    String pw = name + ".patch_cfg";
    if (!"Conv2d".equals(patch.get("conv_type"))) {
      throw new IllegalArgumentException(pw + ".conv_type: only 'Conv2d' is supported, got " + patch.get("conv_type"));
    }
    int kernel = square(patch.get("kernel_size"), pw + ".kernel_size");
    int stride = square(patch.get("stride"), pw + ".stride");
    int dilation = patch.containsKey("dilation") ? square(patch.get("dilation"), pw + ".dilation") : 1;
    Object padding = patch.getOrDefault("padding", "corner");
    if (!(padding instanceof String)) {
      padding = square(padding, pw + ".padding");
    }
    LayerNorm patchNorm = patch.get("norm_cfg") == null ? null
        : TokenNorm.build(patch.get("norm_cfg"), embedDims, pw + ".norm_cfg");
    this.patchEmbed = new PatchEmbed(ConfigArgs.integer(patch.get("in_channels"), pw + ".in_channels"),
        ConfigArgs.integer(patch.get("embed_dims"), pw + ".embed_dims"), kernel, stride, padding, dilation,
        ConfigArgs.bool(patch.get("bias"), pw + ".bias"), patchNorm);
    int[] input = ConfigArgs.pair(patch.get("input_size"), pw + ".input_size");
    this.patchResolution = patchEmbed.outSize(input[0], input[1]);
    this.posTokens = patchResolution[0] * patchResolution[1] + (clsParameter ? 1 : 0);
    this.dropAfterPos = new Dropout(dropRate);

    int[] indices = ConfigArgs.ints(outIndices, name + ".out_indices");
    for (int i = 0; i < indices.length; i++) {
      int original = indices[i];
      if (indices[i] < 0) {
        indices[i] += numLayers;
      }
      if (indices[i] < 0 || indices[i] > numLayers) {
        throw new IllegalArgumentException(name + ".out_indices: invalid out_indices " + original);
      }
    }
    this.outIndices = indices;

    List<?> perLayer = ConfigArgs.sequence(layerCfgs);
    if (perLayer != null && perLayer.size() != numLayers) {
      throw new IllegalArgumentException(name + ".layer_cfgs: " + perLayer.size() + " entries for " + numLayers + " layers");
    }
    for (int i = 0; i < numLayers; i++) {
      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("embed_dims", embedDims);
      cfg.put("num_heads", arch.get("num_heads"));
      cfg.put("feedforward_channels", arch.get("feedforward_channels"));
      cfg.put("layer_scale_init_value", layerScaleInitValue);
      cfg.put("drop_rate", dropRate);
      // np.linspace(0, drop_path_rate, num_layers)
      cfg.put("drop_path_rate", numLayers == 1 ? 0.0 : dropPathRate * i / (numLayers - 1));
      cfg.put("qkv_bias", qkvBias);
      cfg.put("norm_cfg", normCfg);
      String lw = name + ".layer_cfgs" + (perLayer == null ? "" : "[" + i + "]");
      cfg.putAll(ConfigArgs.dict(perLayer == null ? layerCfgs : perLayer.get(i), TransformerEncoderLayer.KEYS, lw));
      layers.add(new TransformerEncoderLayer(cfg, lw));
    }
    this.preNorm = preNorm ? TokenNorm.build(normCfg, embedDims, name + ".norm_cfg") : null;
    this.ln1 = finalNorm ? TokenNorm.build(normCfg, embedDims, name + ".norm_cfg") : null;
    this.ln2 = outType.equals("avg_featmap") ? TokenNorm.build(normCfg, embedDims, name + ".norm_cfg") : null;
  }

  private static int square(Object value, String where) {
    int[] p = ConfigArgs.pair(value, where);
    if (p[0] != p[1]) {
      throw new IllegalArgumentException(where + ": only square values are supported, got " + value);
    }
    return p[0];
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    long b = x.shape().size(0);
    GraphContext stem = ctx.withFrozen(frozenStages > 0);
    PatchEmbed.Tokens patches = patchEmbed.apply(stem.child("patch_embed"), x);
    Operand<TFloat32> tokens = patches.tokens();
    int extra = clsParameter ? 1 : 0;
    if (clsParameter) {
      var cls = stem.params().variable(tf, stem.name("cls_token"), Shape.of(1, 1, embedDims),
          Initializer.constant(0f), !stem.frozen(), false, "VisionTransformer");
      var expanded = tf.broadcastTo(cls, tf.constant(new int[] {(int) b, 1, embedDims}));
      tokens = tf.concat(List.of(expanded, tokens), tf.constant(1));
    }
    // trunc_normal_(std=0.02) truncates at +-2 (absolute), 100 standard deviations: a plain normal
    var pos = stem.params().variable(tf, stem.name("pos_embed"), Shape.of(1, posTokens, embedDims),
        pretrained ? Initializer.constant(0f) : Initializer.normal(0.02), !stem.frozen(), false, "VisionTransformer");
    int[] grid = {patches.height(), patches.width()};
    tokens = tf.math.add(tokens, PosEmbedResize.apply(stem, pos, patchResolution, grid, interpolateMode, extra));
    tokens = dropAfterPos.apply(stem, tokens);
    if (clsParameter && !withClsToken) {
      // MMCls 1.x: the class token only carried its position slot; the encoder sees patches alone
      tokens = tf.slice(tokens, tf.constant(new int[] {0, 1, 0}), tf.constant(new int[] {-1, -1, -1}));
    }
    if (preNorm != null) {
      tokens = preNorm.apply(stem.child("pre_norm"), tokens);
    }
    List<Operand<TFloat32>> outs = new ArrayList<>();
    GraphContext layersCtx = ctx.child("layers");
    for (int i = 0; i < layers.size(); i++) {
      tokens = layers.get(i).apply(layersCtx.withFrozen(i + 1 <= frozenStages).child(i), tokens);
      GraphContext head = ctx.withFrozen(frozenStages == layers.size());
      if (i == layers.size() - 1 && ln1 != null) {
        tokens = ln1.apply(head.child("ln1"), tokens);
      }
      for (int o : outIndices) {
        if (o == i) {
          outs.add(format(head, tokens, grid));
        }
      }
    }
    return outs;
  }

  private Operand<TFloat32> format(GraphContext ctx, Operand<TFloat32> x, int[] grid) {
    var tf = ctx.tf();
    if (outType.equals("raw")) {
      return x;
    }
    long b = x.shape().size(0);
    int extra = withClsToken ? 1 : 0;
    if (outType.equals("cls_token")) {
      return tf.reshape(tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, 1, -1})),
          tf.constant(new long[] {b, embedDims}));
    }
    Operand<TFloat32> patches = extra == 0 ? x
        : tf.slice(x, tf.constant(new int[] {0, extra, 0}), tf.constant(new int[] {-1, -1, -1}));
    if (outType.equals("featmap")) {
      return tf.reshape(patches, tf.constant(new long[] {b, grid[0], grid[1], embedDims}));
    }
    return ln2.apply(ctx.child("ln2"), tf.math.mean(patches, tf.constant(1), Mean.keepDims(false)));
  }

  @Override
  public long parameterCount() {
    long n = patchEmbed.parameterCount() + (long) posTokens * embedDims + (clsParameter ? embedDims : 0);
    for (TransformerEncoderLayer layer : layers) {
      n += layer.parameterCount();
    }
    for (LayerNorm norm : new LayerNorm[] {preNorm, ln1, ln2}) {
      n += norm == null ? 0 : norm.parameterCount();
    }
    return n;
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  public int numLayers() {
    return numLayers;
  }

  /**
   * MMPretrain's {@code get_layer_depth} for the layer-wise decay of ViTPose's optimizer:
   * {@code (depth, num_layers + 2)}; {@code cls_token}, {@code pos_embed} and {@code patch_embed}
   * at 0, {@code layers.i} at {@code i + 1}, the rest (and names outside {@code prefix}) last.
   */
  public int[] layerDepth(String paramName, String prefix) {
    int total = numLayers + 2;
    if (!paramName.startsWith(prefix)) {
      return new int[] {total - 1, total};
    }
    String name = paramName.substring(prefix.length());
    if (name.equals("cls_token") || name.equals("pos_embed") || name.startsWith("patch_embed")) {
      return new int[] {0, total};
    }
    if (name.startsWith("layers")) {
      return new int[] {Integer.parseInt(name.split("\\.")[1]) + 1, total};
    }
    return new int[] {total - 1, total};
  }

  /** {@code arch}: a zoo name or a dict with the four essential keys (further keys are ignored, as in MMPretrain). */
  protected static Map<String, Object> archSettings(Object arch, Map<String, int[]> zoo, String where) {
    if (arch instanceof String s) {
      int[] a = zoo.get(s.toLowerCase(java.util.Locale.ROOT));
      if (a == null) {
        throw new IllegalArgumentException(where + ": arch '" + s + "' is not in default archs "
            + new java.util.TreeSet<>(zoo.keySet()));
      }
      return Map.of("embed_dims", a[0], "num_layers", a[1], "num_heads", a[2], "feedforward_channels", a[3]);
    }
    if (!(arch instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + ": expected an arch name or a dict, got " + arch);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    for (String key : List.of("embed_dims", "num_layers", "num_heads", "feedforward_channels")) {
      if (!out.containsKey(key)) {
        throw new IllegalArgumentException(where + ": custom arch needs the key '" + key + "'");
      }
    }
    return out;
  }

  private static Map<String, int[]> archZoo() {
    Map<String, int[]> zoo = new LinkedHashMap<>();
    put(zoo, new int[] {768, 8, 8, 768 * 3}, "s", "small");
    put(zoo, new int[] {768, 12, 12, 3072}, "b", "base");
    put(zoo, new int[] {1024, 24, 16, 4096}, "l", "large");
    put(zoo, new int[] {1280, 32, 16, 5120}, "h", "huge");
    put(zoo, new int[] {1408, 40, 16, 6144}, "eva-g", "eva-giant");
    put(zoo, new int[] {192, 12, 3, 192 * 4}, "deit-t", "deit-tiny");
    put(zoo, new int[] {384, 12, 6, 384 * 4}, "deit-s", "deit-small", "dinov2-s", "dinov2-small");
    put(zoo, new int[] {768, 12, 12, 768 * 4}, "deit-b", "deit-base");
    put(zoo, new int[] {1536, 40, 24, 6144}, "dinov2-g", "dinov2-giant");
    return Map.copyOf(zoo);
  }

  protected static void put(Map<String, int[]> zoo, int[] settings, String... names) {
    for (String n : names) {
      zoo.put(n, settings);
    }
  }
}
