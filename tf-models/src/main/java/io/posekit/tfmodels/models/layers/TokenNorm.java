package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.LayerNorm;

/**
 * A transformer's {@code norm_cfg} over tokens {@code [..., C]}: MMCV's {@code build_norm_layer}
 * for {@code LN}, normalising the channel axis (a token sequence's last axis, not an NCHW map's
 * width as {@link NormCfg#build} does for convolutional blocks).
 */
public final class TokenNorm {
  private TokenNorm() {}

  public static LayerNorm build(Object cfg, int channels, String where) {
    NormCfg norm = NormCfg.parse(cfg, where);
    if (norm == null || !norm.abbr().equals("ln")) {
      throw new IllegalArgumentException(where + ": a transformer's norm must be dict(type='LN', ...), got " + cfg);
    }
    return new LayerNorm(channels, norm.eps(), norm.affine(), norm.requiresGrad());
  }
}
