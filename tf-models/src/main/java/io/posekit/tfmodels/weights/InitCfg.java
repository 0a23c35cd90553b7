package io.posekit.tfmodels.weights;

import io.posekit.spi.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One entry of a module's {@code init_cfg} as MMEngine reads it ({@code mmengine.model.weight_init}):
 * {@code Pretrained} ({@code checkpoint}, {@code prefix}; loaded non-strictly, as PretrainedInit
 * does) or a weight initialiser on the layers named by {@code layer} ({@code Constant},
 * {@code Normal}, {@code Uniform}, {@code Kaiming}, {@code Xavier}, each with {@code bias} /
 * {@code bias_prob}). A module's {@code init_cfg} parameter is a free-form value (a dict or a list
 * of dicts, as MMPose's configs write it) read by {@link #parse}.
 *
 * <p>Our layers are built with MMPose's default initialisation already, so an initialiser entry
 * re-draws only what it names, with Java's generator (same distribution, different draws).
 */
public record InitCfg(String type, Map<String, Object> args, String where) {
  private static final Set<String> TYPES = Set.of("Pretrained", "Constant", "Normal", "Uniform", "Kaiming", "Xavier");
  private static final Map<String, Set<String>> KEYS = Map.of(
      "Pretrained", Set.of("checkpoint", "prefix", "map_location"),
      "Constant", Set.of("layer", "val", "bias", "bias_prob"),
      "Normal", Set.of("layer", "mean", "std", "bias", "bias_prob"),
      "Uniform", Set.of("layer", "a", "b", "bias", "bias_prob"),
      "Kaiming", Set.of("layer", "a", "mode", "nonlinearity", "distribution", "bias", "bias_prob"),
      "Xavier", Set.of("layer", "gain", "distribution", "bias", "bias_prob"));
  /** A layer's class and its base classes, the names MMEngine matches {@code layer=} against. */
  private static final Map<String, Set<String>> CLASS_NAMES = Map.of(
      "Conv2d", Set.of("Conv2d", "_ConvNd"),
      "ConvTranspose2d", Set.of("ConvTranspose2d", "_ConvTransposeNd", "_ConvNd"),
      "BatchNorm2d", Set.of("BatchNorm2d", "_BatchNorm", "_NormBase"));

  public InitCfg {
    args = new LinkedHashMap<>(args);
  }

  /** {@code None}, one dict or a list/tuple of dicts; {@code where} (e.g. {@code model.backbone.init_cfg}) names it in errors. */
  public static List<InitCfg> parse(Object initCfg, String where) {
    if (initCfg == null) {
      return List.of();
    }
    List<?> items = initCfg instanceof Map<?, ?> ? List.of(initCfg)
        : initCfg instanceof Tuple t ? t.asList()
        : initCfg instanceof List<?> l ? l
        : null;
    if (items == null) {
      throw new IllegalArgumentException(where + ": expected a dict or a list of dicts, got " + initCfg);
    }
    List<InitCfg> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = items.size() == 1 && initCfg instanceof Map<?, ?> ? where : where + "." + i;
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(at + ": expected a dict, got " + items.get(i));
      }
      Map<String, Object> args = new LinkedHashMap<>();
      m.forEach((k, v) -> args.put(String.valueOf(k), v));
      Object type = args.remove("type");
      if (!(type instanceof String t) || !TYPES.contains(t)) {
        throw new IllegalArgumentException(at + ".type: " + (type == null ? "missing" : "'" + type + "' is not supported")
            + "; supported: " + String.join(", ", TYPES.stream().sorted().toList()));
      }
      for (String key : args.keySet()) {
        if (!KEYS.get(t).contains(key)) {
          throw new IllegalArgumentException(at + "." + key + ": unknown key for init type " + t
              + " (known: " + String.join(", ", KEYS.get(t).stream().sorted().toList()) + ")");
        }
      }
      if (t.equals("Pretrained") && !(args.get("checkpoint") instanceof String)) {
        throw new IllegalArgumentException(at + ".checkpoint: Pretrained needs a checkpoint path or URL");
      }
      out.add(new InitCfg(t, args, at));
    }
    return List.copyOf(out);
  }

  public boolean isPretrained() {
    return type.equals("Pretrained");
  }

  public String checkpoint() {
    return (String) args.get("checkpoint");
  }

  /** Pretrained's {@code prefix}, or null for the whole state dict. */
  public String prefix() {
    return (String) args.get("prefix");
  }

  /** Whether this initialiser touches a layer of PyTorch class {@code module} ({@code layer=None}: every layer with weights). */
  public boolean appliesTo(String module) {
    Object layer = args.get("layer");
    if (layer == null) {
      return CLASS_NAMES.containsKey(module);
    }
    List<?> names = layer instanceof String s ? List.of(s) : layer instanceof Tuple t ? t.asList()
        : layer instanceof List<?> l ? l : List.of();
    Set<String> own = CLASS_NAMES.getOrDefault(module, Set.of());
    return names.stream().anyMatch(n -> own.contains(String.valueOf(n)));
  }

  /**
   * New values, in PyTorch layout, for the {@code weight} or {@code bias} (per {@code leaf}) of a
   * layer whose weight has PyTorch shape {@code torchShape}.
   */
  public FloatArray initialise(String leaf, long[] torchShape, long[] weightShape, Random random) {
    int n = 1;
    for (long d : torchShape) {
      n *= (int) d;
    }
    float[] v = new float[n];
    if (leaf.equals("bias")) {
      double bias = args.containsKey("bias_prob")
          ? -Math.log((1 - number("bias_prob", 0)) / number("bias_prob", 0))
          : number("bias", 0);
      java.util.Arrays.fill(v, (float) bias);
      return new FloatArray(torchShape, v);
    }
    switch (type) {
      case "Constant" -> java.util.Arrays.fill(v, (float) number("val", Double.NaN));
      case "Normal" -> {
        double mean = number("mean", 0);
        double std = number("std", 1);
        for (int i = 0; i < n; i++) {
          v[i] = (float) (mean + std * random.nextGaussian());
        }
      }
      case "Uniform" -> uniform(v, number("a", 0), number("b", 1), random);
      case "Kaiming" -> {
        String mode = string("mode", "fan_out");
        long[] fans = fans(weightShape);
        double fan = switch (mode) {
          case "fan_in" -> fans[0];
          case "fan_out" -> fans[1];
          default -> throw new IllegalArgumentException(where + ".mode: '" + mode + "' is not fan_in or fan_out");
        };
        double std = gain(string("nonlinearity", "relu"), number("a", 0)) / Math.sqrt(fan);
        draw(v, std, string("distribution", "normal"), random);
      }
      case "Xavier" -> {
        long[] fans = fans(weightShape);
        draw(v, number("gain", 1) * Math.sqrt(2.0 / (fans[0] + fans[1])), string("distribution", "normal"), random);
      }
      default -> throw new IllegalStateException(where + ": " + type + " loads weights, it does not draw them");
    }
    return new FloatArray(torchShape, v);
  }

  private void draw(float[] v, double std, String distribution, Random random) {
    switch (distribution) {
      case "normal" -> {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (std * random.nextGaussian());
        }
      }
      case "uniform" -> uniform(v, -Math.sqrt(3) * std, Math.sqrt(3) * std, random);
      default -> throw new IllegalArgumentException(where + ".distribution: '" + distribution + "' is not normal or uniform");
    }
  }

  private static void uniform(float[] v, double a, double b, Random random) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (a + (b - a) * random.nextDouble());
    }
  }

  /** PyTorch's {@code _calculate_fan_in_and_fan_out}: dim 1 times the receptive field, dim 0 times it. */
  private long[] fans(long[] torchShape) {
    if (torchShape.length < 2) {
      throw new IllegalArgumentException(where + ": " + type + " needs a weight of rank >= 2, got "
          + FloatArray.shapeString(torchShape) + " (a norm layer in layer=?)");
    }
    long receptive = 1;
    for (int i = 2; i < torchShape.length; i++) {
      receptive *= torchShape[i];
    }
    return new long[] {torchShape[1] * receptive, torchShape[0] * receptive};
  }

  /** PyTorch's {@code nn.init.calculate_gain}. */
  private double gain(String nonlinearity, double a) {
    return switch (nonlinearity) {
      case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid" -> 1;
      case "tanh" -> 5.0 / 3;
      case "relu" -> Math.sqrt(2);
      case "leaky_relu" -> Math.sqrt(2 / (1 + a * a));
      case "selu" -> 0.75;
      default -> throw new IllegalArgumentException(where + ".nonlinearity: unsupported '" + nonlinearity + "'");
    };
  }

  private double number(String key, double fallback) {
    Object v = args.get(key);
    if (v == null) {
      if (Double.isNaN(fallback)) {
        throw new IllegalArgumentException(where + "." + key + ": required for " + type);
      }
      return fallback;
    }
    if (!(v instanceof Number num)) {
      throw new IllegalArgumentException(where + "." + key + ": expected a number, got " + v);
    }
    return num.doubleValue();
  }

  private String string(String key, String fallback) {
    Object v = args.getOrDefault(key, fallback);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(where + "." + key + ": expected a string, got " + v);
    }
    return s;
  }
}
