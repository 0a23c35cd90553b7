package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code DefaultOptimWrapperConstructor}: turns the model's parameters into the
 * optimizer's param groups and builds the wrapper. Without {@code paramwise_cfg} all parameters
 * form one group; with it each parameter gets its own group whose {@code lr} and
 * {@code weight_decay} are the optimizer's base values times the matching multiplier: the longest
 * matching {@code custom_keys} entry wins over every other rule; otherwise {@code bias_lr_mult}
 * applies to biases outside norm layers, and for decay the first of norm, bias, depth-wise conv,
 * 1-d ("flat") parameter applies. Decay multipliers apply only when the optimizer config sets
 * {@code weight_decay}, as in MMEngine.
 */
@RegisterModule(registry = Registries.OPTIM_WRAPPER_CONSTRUCTORS)
public final class DefaultOptimWrapperConstructor implements OptimWrapperConstructor {
  private final @Nullable ParamwiseCfg paramwiseCfg;

  public DefaultOptimWrapperConstructor(@Param(defaultValue = "None") @Nullable ParamwiseCfg paramwiseCfg) {
    this.paramwiseCfg = paramwiseCfg;
  }

  /** The param groups for {@code params} under this {@code paramwise_cfg}. */
  @Override
  public ParamGroups paramGroups(List<Parameter> params, double baseLr, @Nullable Double baseWd) {
    if (paramwiseCfg == null) {
      return ParamGroups.single(params);
    }
    ParamwiseCfg cfg = paramwiseCfg;
    // Longest key first; equal lengths alphabetically (MMEngine sorts twice, the second stably).
    List<String> keys = new ArrayList<>(cfg.customKeys().keySet());
    keys.sort(Comparator.<String>comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
    List<ParamGroup> groups = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Parameter p : params) {
      if (!seen.add(p.name()) && cfg.bypassDuplicate()) {
        continue; // MMEngine warns and leaves it out; without bypass_duplicate ParamGroups refuses it
      }
      Map<String, Double> options = new HashMap<>();
      String customKey = keys.stream().filter(k -> p.name().contains(k)).findFirst().orElse(null);
      if (customKey != null) {
        CustomKeyCfg custom = cfg.customKeys().get(customKey);
        options.put("lr", baseLr * custom.lrMult());
        if (baseWd != null) {
          options.put("weight_decay", baseWd * custom.decayMult());
        }
      } else {
        if (p.isBias() && !p.inNormLayer() && cfg.biasLrMult() != null) {
          options.put("lr", baseLr * cfg.biasLrMult());
        }
        if (baseWd != null) {
          Double mult = null;
          if (p.inNormLayer() && cfg.normDecayMult() != null) {
            mult = cfg.normDecayMult();
          } else if (p.isBias() && cfg.biasDecayMult() != null) {
            mult = cfg.biasDecayMult();
          } else if (p.inDepthwiseConv() && cfg.dwconvDecayMult() != null) {
            mult = cfg.dwconvDecayMult();
          } else if (p.ndim() == 1 && cfg.flatDecayMult() != null) {
            mult = cfg.flatDecayMult();
          }
          if (mult != null) {
            options.put("weight_decay", baseWd * mult);
          }
        }
      }
      groups.add(new ParamGroup(List.of(p), options));
    }
    return new ParamGroups(groups);
  }
}
