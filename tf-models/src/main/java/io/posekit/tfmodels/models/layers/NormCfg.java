package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.LayerNorm;
import java.util.Map;
import java.util.Set;

/** A transformer's {@code norm_cfg}: MMCV's {@code build_norm_layer} for {@code type='LN'} (eps 1e-5 unless given). */
public final class NormCfg {
  private NormCfg() {}

  public static LayerNorm layerNorm(Object cfg, int dims, String where) {
    Map<String, Object> d = CfgDict.dict(cfg, Set.of("type", "eps", "requires_grad"), where);
    if (!"LN".equals(d.get("type"))) {
      throw new IllegalArgumentException(where + ".type: '" + d.get("type") + "' is not supported here, only 'LN'");
    }
    if (d.containsKey("requires_grad") && !CfgDict.bool(d.get("requires_grad"), where + ".requires_grad")) {
      throw new IllegalArgumentException(where + ".requires_grad: False is not supported");
    }
    return new LayerNorm(dims, d.containsKey("eps") ? CfgDict.number(d.get("eps"), where + ".eps") : 1e-5);
  }
}
