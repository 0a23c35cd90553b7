package io.posekit.runtime.runner;

import io.posekit.runtime.engine.optim.OptimWrapperConstructor;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code optim_wrapper} dict that sets {@code constructor} or {@code paramwise_cfg}, as
 * MMEngine's {@code build_optim_wrapper} reads it: both keys are popped before the wrapper is
 * built; {@code constructor} (default {@code DefaultOptimWrapperConstructor}) names a module of
 * OPTIM_WRAPPER_CONSTRUCTORS, which takes {@code paramwise_cfg} and builds the wrapper from the
 * rest. So the typed form is the wrapper's config and the constructor's config.
 * {@link #toMap()} gives the dict back with {@code constructor} and {@code paramwise_cfg}.
 */
public record OptimWrapperCfg(ModuleConfig<? extends OptimWrapper> optimWrapper, ModuleConfig<?> constructor)
    implements RunnerKeyedConfig<OptimWrapper> {
  public static final String CONSTRUCTOR_KEY = "constructor";
  public static final String PARAMWISE_CFG_KEY = "paramwise_cfg";
  /** MMEngine's constructor when the dict names none. */
  public static final String DEFAULT_CONSTRUCTOR = "DefaultOptimWrapperConstructor";
  /** The key under which {@link #build} wants the model's parameters ({@code List<Parameter>}). */
  public static final String MODEL_PARAMETERS_KEY = "model_parameters";

  public OptimWrapperCfg {
    Objects.requireNonNull(optimWrapper, "optimWrapper");
    Objects.requireNonNull(constructor, "constructor");
  }

  @Override
  public ModuleConfig<? extends OptimWrapper> module() {
    return optimWrapper;
  }

  /** The wrapper's dict with {@code constructor} (its type) and the constructor's own keys ({@code paramwise_cfg}). */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>(optimWrapper.toMap());
    out.put(CONSTRUCTOR_KEY, constructor.type());
    constructor.toMap().forEach((k, v) -> {
      if (!"type".equals(k)) {
        out.put(k, v);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * MMEngine's {@code build_optim_wrapper}: builds the constructor and lets it build the wrapper
   * over the model's parameters, provided as {@value #MODEL_PARAMETERS_KEY}.
   */
  @Override
  public OptimWrapper build(BuildContext context) {
    @SuppressWarnings("unchecked") // checked per item below
    List<Object> params = context.provided(MODEL_PARAMETERS_KEY, List.class);
    List<Parameter> parameters = params.stream().map(p -> {
      if (!(p instanceof Parameter parameter)) {
        throw new IllegalArgumentException(MODEL_PARAMETERS_KEY + " must hold Parameters, got " + p);
      }
      return parameter;
    }).toList();
    Object built = constructor.build(context);
    if (!(built instanceof OptimWrapperConstructor optimWrapperConstructor)) {
      throw new IllegalStateException("optim_wrapper.constructor: " + constructor.type()
          + " is not an optimizer wrapper constructor (" + built.getClass().getName() + ")");
    }
    return optimWrapperConstructor.build(optimWrapper, parameters);
  }
}
