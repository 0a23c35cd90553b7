package io.posekit.runtime.runner;

import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.DictReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a top-most typed dict the way MMEngine's runner uses it: keys the runner pops before
 * building are no module parameters. A hook's {@code priority} ({@code Runner.register_hook}) gives
 * a {@link HookCfg}; {@code constructor} and {@code paramwise_cfg} of {@code optim_wrapper}
 * ({@code build_optim_wrapper}) give an {@link OptimWrapperCfg} whose constructor is read from
 * OPTIM_WRAPPER_CONSTRUCTORS. Every other dict is read as its registry's module.
 */
final class RunnerKeyedReader {
  private RunnerKeyedReader() {}

  /** The typed config of {@code dict} at {@code path}; null with problems recorded when it does not read. */
  static ModuleConfig<?> read(ScopeSwitchingResolver resolver, KeyPath path, Map<?, ?> dict, ConfigReader reader) {
    String registry = BuilderRegistry.forPath(path);
    if (Registries.HOOKS.equals(registry) && dict.containsKey(HookCfg.PRIORITY_KEY)) {
      return hook(resolver, path, dict, reader);
    }
    if (Registries.OPTIM_WRAPPERS.equals(registry) && path.segments().size() == 1
        && (dict.containsKey(OptimWrapperCfg.CONSTRUCTOR_KEY) || dict.containsKey(OptimWrapperCfg.PARAMWISE_CFG_KEY))) {
      return optimWrapper(resolver, path, dict, reader);
    }
    return resolver.read(registry, dict, path, reader);
  }

  private static ModuleConfig<?> hook(ScopeSwitchingResolver resolver, KeyPath path, Map<?, ?> dict, ConfigReader reader) {
    Object priority = dict.get(HookCfg.PRIORITY_KEY);
    boolean priorityOk = true;
    try {
      Priority.of(priority);
    } catch (IllegalArgumentException e) {
      reader.problem(path.key(HookCfg.PRIORITY_KEY), dict, HookCfg.PRIORITY_KEY, e.getMessage(), null);
      priorityOk = false;
    }
    ModuleConfig<?> hook = resolver.read(Registries.HOOKS, DictView.without(dict, Set.of(HookCfg.PRIORITY_KEY)), path, reader);
    if (hook == null || !priorityOk) {
      return null;
    }
    @SuppressWarnings("unchecked") // HOOKS modules implement Hook (checked by the processor)
    ModuleConfig<? extends Hook> typed = (ModuleConfig<? extends Hook>) hook;
    return new HookCfg(typed, priority);
  }

  private static ModuleConfig<?> optimWrapper(ScopeSwitchingResolver resolver, KeyPath path, Map<?, ?> dict,
      ConfigReader reader) {
    ModuleConfig<?> wrapper = resolver.read(Registries.OPTIM_WRAPPERS,
        DictView.without(dict, Set.of(OptimWrapperCfg.CONSTRUCTOR_KEY, OptimWrapperCfg.PARAMWISE_CFG_KEY)), path, reader);
    // MMEngine: OPTIM_WRAPPER_CONSTRUCTORS.build(dict(type=constructor, paramwise_cfg=...))
    Map<Object, Object> constructorDict = new LinkedHashMap<>();
    constructorDict.put(DictReader.TYPE_KEY,
        dict.containsKey(OptimWrapperCfg.CONSTRUCTOR_KEY) ? dict.get(OptimWrapperCfg.CONSTRUCTOR_KEY) : OptimWrapperCfg.DEFAULT_CONSTRUCTOR);
    if (dict.containsKey(OptimWrapperCfg.PARAMWISE_CFG_KEY)) {
      constructorDict.put(OptimWrapperCfg.PARAMWISE_CFG_KEY, dict.get(OptimWrapperCfg.PARAMWISE_CFG_KEY));
    }
    ConfigReader own = new ConfigReader(reader.resolver());
    ModuleConfig<?> constructor = resolver.read(Registries.OPTIM_WRAPPER_CONSTRUCTORS, constructorDict, path, own);
    for (ConfigProblem p : own.problems()) {
      // the constructor's type is the wrapper dict's 'constructor' key; its paramwise_cfg is the same key there
      List<String> segments = p.path().segments();
      boolean aboutType = segments.size() == path.segments().size() + 1 && DictReader.TYPE_KEY.equals(p.path().last());
      KeyPath at = aboutType ? path.key(OptimWrapperCfg.CONSTRUCTOR_KEY) : p.path();
      Object key = aboutType ? OptimWrapperCfg.CONSTRUCTOR_KEY : OptimWrapperCfg.PARAMWISE_CFG_KEY;
      if (p.location() != null) {
        reader.problem(new ConfigProblem(at, p.message(), p.hint(), p.location()));
      } else {
        reader.problem(at, dict, dict.containsKey(key) ? key : null, p.message(), p.hint());
      }
    }
    if (wrapper != null && !OptimWrapper.class.isAssignableFrom(wrapper.moduleType())) {
      reader.problem(path.key(DictReader.TYPE_KEY), dict, DictReader.TYPE_KEY, wrapper.type()
          + " is no OptimWrapper, so no optimizer-wrapper constructor can build it", null);
      return null;
    }
    if (wrapper == null || constructor == null) {
      return null;
    }
    @SuppressWarnings("unchecked") // checked above
    ModuleConfig<? extends OptimWrapper> typed = (ModuleConfig<? extends OptimWrapper>) wrapper;
    return new OptimWrapperCfg(typed, constructor);
  }
}
