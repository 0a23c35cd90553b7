package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code act_cfg} as {@code build_activation_layer} reads it, and the activation it builds:
 * ReLU, ReLU6, LeakyReLU ({@code negative_slope} 0.01), ELU ({@code alpha} 1), Sigmoid, Tanh,
 * SiLU and Swish ({@code x * sigmoid(x)}), HSwish ({@code x * relu6(x + 3) / 6}), HSigmoid
 * ({@code clamp((x + bias) / divisor, min_value, max_value)}, MMCV's defaults 3, 6, 0, 1), GELU
 * (erf, or {@code approximate='tanh'}), Clamp/Clip ({@code min} -1, {@code max} 1). None has
 * parameters; {@code inplace}, where the class takes it, means nothing here.
 */
public record ActCfg(String type, Map<String, Double> args, boolean tanhGelu) implements Layer {
  private static final Map<String, Map<String, Double>> DEFAULTS = Map.ofEntries(
      Map.entry("ReLU", Map.of()), Map.entry("ReLU6", Map.of()), Map.entry("Sigmoid", Map.of()),
      Map.entry("Tanh", Map.of()), Map.entry("SiLU", Map.of()), Map.entry("Swish", Map.of()),
      Map.entry("HSwish", Map.of()), Map.entry("GELU", Map.of()),
      Map.entry("LeakyReLU", Map.of("negative_slope", 0.01)), Map.entry("ELU", Map.of("alpha", 1.0)),
      Map.entry("HSigmoid", Map.of("bias", 3.0, "divisor", 6.0, "min_value", 0.0, "max_value", 1.0)),
      Map.entry("Clamp", Map.of("min", -1.0, "max", 1.0)), Map.entry("Clip", Map.of("min", -1.0, "max", 1.0)));

  /** The activations whose PyTorch/MMCV class takes {@code inplace}. */
  private static final Set<String> INPLACE = Set.of("ReLU", "ReLU6", "LeakyReLU", "ELU", "SiLU", "HSwish");

  public static ActCfg of(String type) {
    return parse(Map.of("type", type), "act_cfg");
  }

  /** {@code None} stays null (no activation); otherwise the dict at {@code where}. */
  @Nullable
  public static ActCfg parse(@Nullable Object cfg, String where) {
    if (cfg == null) {
      return null;
    }
    if (cfg instanceof ActCfg a) {
      return a;
    }
    CfgDict d = CfgDict.of(cfg, where);
    Map<String, Double> defaults = DEFAULTS.get(d.type());
    if (defaults == null) {
      throw new IllegalArgumentException(where + ".type: unknown activation '" + d.type() + "' (known: "
          + DEFAULTS.keySet().stream().sorted().toList() + ")");
    }
    Set<String> keys = new java.util.HashSet<>(defaults.keySet());
    if (INPLACE.contains(d.type())) {
      keys.add("inplace");
    }
    if (d.type().equals("GELU")) {
      keys.add("approximate");
    }
    d.accepting(keys);
    Object approximate = d.args().getOrDefault("approximate", "none");
    if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
      throw new IllegalArgumentException(where + ".approximate: expected 'none' or 'tanh', got " + approximate);
    }
    Map<String, Double> args = new java.util.TreeMap<>();
    defaults.forEach((k, v) -> args.put(k, d.number(k, v)));
    return new ActCfg(d.type(), Map.copyOf(args), "tanh".equals(approximate));
  }

  /** LeakyReLU's slope, 0 for the others: the {@code a} of ConvModule's kaiming initialisation. */
  public double negativeSlope() {
    return type.equals("LeakyReLU") ? args.get("negative_slope") : 0;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    return switch (type) {
      case "ReLU" -> tf.nn.relu(x);
      case "ReLU6" -> tf.nn.relu6(x);
      case "LeakyReLU" -> tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(args.get("negative_slope").floatValue()));
      case "ELU" -> eluWithAlpha(ctx, x);
      case "Sigmoid" -> tf.math.sigmoid(x);
      case "Tanh" -> tf.math.tanh(x);
      case "SiLU", "Swish" -> tf.math.mul(x, tf.math.sigmoid(x));
      case "HSwish" -> tf.math.mul(x, tf.math.div(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(6f)));
      case "HSigmoid" -> clamp(ctx, tf.math.div(tf.math.add(x, tf.constant(args.get("bias").floatValue())),
          tf.constant(args.get("divisor").floatValue())), args.get("min_value"), args.get("max_value"));
      case "GELU" -> tanhGelu ? tanhGelu(ctx, x)
          : tf.math.mul(tf.math.mul(x, tf.constant(0.5f)),
              tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
      default -> clamp(ctx, x, args.get("min"), args.get("max"));
    };
  }

  private static Operand<TFloat32> clamp(GraphContext ctx, Operand<TFloat32> x, double min, double max) {
    var tf = ctx.tf();
    return tf.math.minimum(tf.math.maximum(x, tf.constant((float) min)), tf.constant((float) max));
  }

  private Operand<TFloat32> eluWithAlpha(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    float alpha = args.get("alpha").floatValue();
    Operand<TFloat32> elu = tf.nn.elu(x);
    // elu(x) = x for x > 0, exp(x) - 1 otherwise: alpha scales only the negative part
    return alpha == 1f ? elu : tf.math.add(tf.nn.relu(x), tf.math.mul(tf.constant(alpha), tf.math.minimum(elu, tf.constant(0f))));
  }

  private static Operand<TFloat32> tanhGelu(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    var inner = tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)),
        tf.math.add(x, tf.math.mul(tf.constant(0.044715f), tf.math.mul(x, tf.math.mul(x, x)))));
    return tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
