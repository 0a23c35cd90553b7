package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMPose's {@code LayerDecayOptimWrapperConstructor} (ViTPose's layer-wise lr decay). With
 * {@code L = num_layers + 2} depths, a parameter's depth is 0 for {@code backbone.cls_token},
 * {@code backbone.mask_token}, {@code backbone.pos_embed} and {@code backbone.patch_embed.*},
 * {@code i + 1} for {@code backbone.layers.i.*}, and {@code L - 1} for everything else (final norm,
 * neck, head); its lr is {@code base_lr * layer_decay_rate ** (L - depth - 1)}. Weight decay is 0
 * for 1-d parameters, names ending in {@code .bias} and names containing {@code pos_embed}, else
 * the optimizer's. One group per depth and decay kind, in order of first appearance, as MMPose
 * forms them; {@code custom_keys} play no part there, nor here.
 */
@RegisterModule(registry = Registries.OPTIM_WRAPPER_CONSTRUCTORS, scope = "mmpose")
public final class LayerDecayOptimWrapperConstructor implements OptimWrapperConstructor {
  private final LayerDecayParamwiseCfg paramwiseCfg;

  public LayerDecayOptimWrapperConstructor(LayerDecayParamwiseCfg paramwiseCfg) {
    this.paramwiseCfg = paramwiseCfg;
  }

  @Override
  public ParamGroups paramGroups(List<Parameter> params, double baseLr, @Nullable Double baseWd) {
    int numLayers = paramwiseCfg.numLayers() + 2;
    Map<String, List<Parameter>> members = new LinkedHashMap<>();
    Map<String, Map<String, Double>> options = new LinkedHashMap<>();
    for (Parameter p : params) {
      boolean noDecay = p.ndim() == 1 || p.name().endsWith(".bias") || p.name().contains("pos_embed");
      int layerId = layerId(p.name(), numLayers);
      String group = "layer_" + layerId + (noDecay ? "_no_decay" : "_decay");
      members.computeIfAbsent(group, g -> new ArrayList<>()).add(p);
      options.computeIfAbsent(group, g -> {
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("lr", baseLr * Math.pow(paramwiseCfg.layerDecayRate(), numLayers - layerId - 1));
        if (noDecay) {
          o.put("weight_decay", 0.0);
        } else if (baseWd != null) {
          o.put("weight_decay", baseWd);
        }
        return o;
      });
    }
    List<ParamGroup> groups = new ArrayList<>();
    members.forEach((g, ps) -> groups.add(new ParamGroup(ps, options.get(g))));
    return new ParamGroups(groups);
  }

  /** MMPose's {@code get_num_layer_for_vit}. */
  static int layerId(String name, int numMaxLayer) {
    if (name.equals("backbone.cls_token") || name.equals("backbone.mask_token") || name.equals("backbone.pos_embed")
        || name.startsWith("backbone.patch_embed")) {
      return 0;
    }
    if (name.startsWith("backbone.layers")) {
      return Integer.parseInt(name.split("\\.")[2]) + 1;
    }
    return numMaxLayer - 1;
  }
}
