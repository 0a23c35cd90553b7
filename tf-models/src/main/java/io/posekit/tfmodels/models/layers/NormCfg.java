package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.GroupNorm;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.InstanceNorm2d;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.LayerNorm;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code norm_cfg} as {@code build_norm_layer} reads it: {@code BN}/{@code BN2d}/{@code SyncBN}
 * (BatchNorm2d; SyncBN on one device is BatchNorm2d), {@code GN} (GroupNorm, {@code num_groups}
 * required), {@code LN} (LayerNorm over PyTorch's last axis, the width of an NCHW map),
 * {@code IN}/{@code IN2d} (InstanceNorm2d, not affine unless asked); {@code eps} 1e-5 unless given,
 * {@code requires_grad} False freezes the affine parameters.
 */
public record NormCfg(String type, float eps, float momentum, boolean requiresGrad, int numGroups, boolean affine) {
  private static final Map<String, String> ABBR = Map.of(
      "BN", "bn", "BN2d", "bn", "SyncBN", "bn", "GN", "gn", "LN", "ln", "IN", "in", "IN2d", "in");

  /** {@code dict(type='BN')}. */
  public static NormCfg bn() {
    return new NormCfg("BN", BatchNorm2d.EPS, BatchNorm2d.MOMENTUM, true, 0, true);
  }

  /** {@code None} stays null (no norm); otherwise the dict at {@code where} (e.g. {@code model.backbone.norm_cfg}). */
  @Nullable
  public static NormCfg parse(@Nullable Object cfg, String where) {
    if (cfg == null) {
      return null;
    }
    if (cfg instanceof NormCfg n) {
      return n;
    }
    CfgDict d = CfgDict.of(cfg, where);
    if (!ABBR.containsKey(d.type())) {
      throw new IllegalArgumentException(where + ".type: unknown norm layer '" + d.type() + "' (known: "
          + ABBR.keySet().stream().sorted().toList() + ")");
    }
    float eps = (float) d.number("eps", 1e-5);
    return switch (ABBR.get(d.type())) {
      case "bn" -> {
        d.accepting(Set.of("eps", "momentum", "requires_grad", "affine", "track_running_stats"));
        if (!d.flag("affine", true) || !d.flag("track_running_stats", true)) {
          throw new IllegalArgumentException(where + ": only affine BatchNorm with running statistics is supported");
        }
        if (d.args().containsKey("momentum") && d.args().get("momentum") == null) {
          throw new IllegalArgumentException(where + ".momentum: None (a cumulative average) is not supported");
        }
        yield new NormCfg(d.type(), eps, (float) d.number("momentum", BatchNorm2d.MOMENTUM),
            d.flag("requires_grad", true), 0, true);
      }
      case "gn" -> {
        d.accepting(Set.of("eps", "num_groups", "requires_grad", "affine"));
        if (!d.args().containsKey("num_groups")) {
          throw new IllegalArgumentException(where + ": GN needs num_groups");
        }
        yield new NormCfg(d.type(), eps, 0f, d.flag("requires_grad", true), (int) d.number("num_groups", 0),
            d.flag("affine", true));
      }
      case "ln" -> {
        d.accepting(Set.of("eps", "requires_grad", "elementwise_affine"));
        yield new NormCfg(d.type(), eps, 0f, d.flag("requires_grad", true), 0, d.flag("elementwise_affine", true));
      }
      default -> {
        d.accepting(Set.of("eps", "momentum", "requires_grad", "affine", "track_running_stats"));
        if (d.flag("track_running_stats", false)) {
          throw new IllegalArgumentException(where + ": InstanceNorm with track_running_stats is not supported");
        }
        yield new NormCfg(d.type(), eps, 0f, d.flag("requires_grad", true), 0, d.flag("affine", false));
      }
    };
  }

  /** The attribute name MMCV gives the layer ({@code infer_abbr}): bn, gn, ln or in. */
  public String abbr() {
    return ABBR.get(type);
  }

  /** The norm layer over {@code channels}; {@code weightInit} starts a BN's weight (zero-init residuals). */
  public Layer build(int channels, Initializer weightInit) {
    return switch (abbr()) {
      case "bn" -> new BatchNorm2d(channels, weightInit, eps, momentum, requiresGrad);
      case "gn" -> new GroupNorm(numGroups, channels, eps, affine, requiresGrad);
      case "in" -> new InstanceNorm2d(channels, eps, affine, requiresGrad);
      default -> new WidthLayerNorm(new LayerNorm(channels, eps, affine, requiresGrad));
    };
  }

  public Layer build(int channels) {
    return build(channels, Initializer.constant(1f));
  }

  /** {@code nn.LayerNorm(C)} applied to an NCHW map normalises its last axis, the width. */
  private record WidthLayerNorm(LayerNorm norm) implements Layer {
    @Override
    public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
      var tf = ctx.tf();
      var perm = tf.constant(new int[] {0, 1, 3, 2});
      return tf.linalg.transpose(norm.apply(ctx, tf.linalg.transpose(x, perm)), perm);
    }

    @Override
    public long parameterCount() {
      return norm.parameterCount();
    }
  }
}
