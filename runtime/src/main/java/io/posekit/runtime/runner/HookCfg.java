package io.posekit.runtime.runner;

import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A hook dict of {@code default_hooks} or {@code custom_hooks} that sets {@code priority}, as
 * MMEngine's {@code Runner.register_hook} takes it: the runner pops {@code priority} before the
 * hook is built (it overrides the hook class's own priority and is no constructor argument), so
 * the typed form is the hook's config plus that priority. {@link #toMap()} gives the dict back,
 * {@code priority} included; {@link #build} builds the hook alone.
 */
public record HookCfg(ModuleConfig<? extends Hook> hook, Object priority) implements RunnerKeyedConfig<Hook> {
  /** The key {@code Runner.register_hook} pops from a hook dict. */
  public static final String PRIORITY_KEY = "priority";

  /**
   * @param priority a priority name (any case) or an int in [0, 100], as MMEngine's {@code get_priority}
   * @throws IllegalArgumentException for any other priority
   */
  public HookCfg {
    Objects.requireNonNull(hook, "hook");
    Priority.of(priority);
  }

  /** The priority the runner registers the hook with. */
  public int priorityValue() {
    return Priority.of(priority);
  }

  @Override
  public ModuleConfig<? extends Hook> module() {
    return hook;
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>(hook.toMap());
    out.put(PRIORITY_KEY, priority);
    return Collections.unmodifiableMap(out);
  }

  @Override
  public Hook build(BuildContext context) {
    return hook.build(context);
  }
}
