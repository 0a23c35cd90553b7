package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Nullable;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import java.util.List;
import java.util.Map;

/**
 * What an {@code OPTIM_WRAPPER_CONSTRUCTORS} module does (MMEngine's
 * {@code DefaultOptimWrapperConstructor.__call__}): group the model's parameters and build the
 * wrapper over those groups. Constructors differ only in the grouping.
 */
public interface OptimWrapperConstructor {
  /** The param groups for {@code params}, given the optimizer's base {@code lr} and {@code weight_decay} (null if unset). */
  ParamGroups paramGroups(List<Parameter> params, double baseLr, @Nullable Double baseWd);

  /**
   * Builds the wrapper config with the grouped parameters provided as {@code params}; the base lr
   * and weight decay are read from the wrapper config's {@code optimizer} dict.
   */
  default OptimWrapper build(ModuleConfig<? extends OptimWrapper> optimWrapperCfg, List<Parameter> params) {
    Object optimizer = optimWrapperCfg.toMap().get("optimizer");
    if (!(optimizer instanceof Map<?, ?> optimizerCfg)) {
      throw new IllegalArgumentException(
          "optim_wrapper.optimizer: expected a dict, got " + optimizer);
    }
    Object lr = optimizerCfg.get("lr");
    if (!(lr instanceof Number baseLr)) {
      throw new IllegalArgumentException("optim_wrapper.optimizer.lr: expected a number, got " + lr);
    }
    Object wd = optimizerCfg.get("weight_decay");
    Double baseWd = wd instanceof Number n ? n.doubleValue() : null;
    ParamGroups groups = paramGroups(params, baseLr.doubleValue(), baseWd);
    return optimWrapperCfg.build(BuildContext.of(Map.of(ParamGroups.PROVIDED_KEY, groups)));
  }
}
