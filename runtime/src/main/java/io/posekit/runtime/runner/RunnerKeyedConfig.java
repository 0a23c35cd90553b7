package io.posekit.runtime.runner;

import io.posekit.spi.ModuleConfig;

/**
 * A module's config together with keys MMEngine's runner pops from the module's dict before it
 * builds the module (a hook's {@code priority}; {@code optim_wrapper}'s {@code constructor} and
 * {@code paramwise_cfg}): it is typed as that module ({@code type}, scope, registry, class), and
 * only {@link #toMap()} and {@link #build} say what the extra keys add.
 */
public interface RunnerKeyedConfig<T> extends ModuleConfig<T> {
  /** The module's own config, without the runner's keys. */
  ModuleConfig<? extends T> module();

  @Override
  default String type() {
    return module().type();
  }

  @Override
  default String scope() {
    return module().scope();
  }

  @Override
  @SuppressWarnings("unchecked") // a Class<? extends T> is a Class of a T
  default Class<T> moduleType() {
    return (Class<T>) module().moduleType();
  }

  @Override
  default String registry() {
    return module().registry();
  }
}
