package io.posekit.runtime.engine.optim;

import io.posekit.runtime.engine.model.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer shares: the groups with their defaults filled in, the per-parameter state
 * and its (de)serialisation. Subclasses write the update of one parameter; arithmetic is done in
 * double and stored as float, the values a float32 implementation gets up to rounding.
 */
public abstract class BaseOptimizer implements Optimizer {
  private final List<ParamGroup> groups;
  private final Map<String, ParamState> state = new HashMap<>();

  protected BaseOptimizer(ParamGroups params, Map<String, Double> defaults) {
    if (params.groups().isEmpty()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " got an empty parameter list");
    }
    this.groups = params.groups();
    for (ParamGroup group : groups) {
      defaults.forEach(group::setDefault);
    }
  }

  /** The defaults in declaration order (LinkedHashMap keeps {@code state_dict} stable). */
  protected static Map<String, Double> defaults(Object... keysAndValues) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
    }
    return map;
  }

  @Override
  public List<ParamGroup> paramGroups() {
    return groups;
  }

  @Override
  public void step() {
    for (ParamGroup group : groups) {
      for (Parameter p : group.params()) {
        update(p, group, state.computeIfAbsent(p.name(), k -> new ParamState()));
      }
    }
  }

  /** Updates {@code p.data()} in place from {@code p.grad()}. */
  protected abstract void update(Parameter p, ParamGroup group, ParamState state);

  @Override
  public OptimizerState stateDict() {
    List<Map<String, Double>> groupOptions = new ArrayList<>();
    for (ParamGroup group : groups) {
      groupOptions.add(group.options());
    }
    Map<String, ParamState> copy = new HashMap<>();
    state.forEach((k, v) -> copy.put(k, v.copy()));
    return new OptimizerState(groupOptions, copy);
  }

  @Override
  public void loadStateDict(OptimizerState loaded) {
    if (loaded.paramGroups().size() != groups.size()) {
      throw new IllegalArgumentException(
          "optimizer state has " + loaded.paramGroups().size() + " param groups, the optimizer "
              + groups.size());
    }
    Map<String, Parameter> byName = new HashMap<>();
    for (ParamGroup group : groups) {
      group.params().forEach(p -> byName.put(p.name(), p));
    }
    for (Map.Entry<String, ParamState> e : loaded.state().entrySet()) {
      Parameter p = byName.get(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException(
            "optimizer state names parameter '" + e.getKey() + "' which the model does not have");
      }
      e.getValue().buffers().forEach((name, values) -> {
        if (values.length != p.size()) {
          throw new IllegalArgumentException(
              "optimizer state '" + e.getKey() + "/" + name + "' has " + values.length
                  + " values, the parameter " + p.size());
        }
      });
    }
    for (int i = 0; i < groups.size(); i++) {
      loaded.paramGroups().get(i).forEach(groups.get(i)::set);
    }
    state.clear();
    loaded.state().forEach((k, v) -> state.put(k, v.copy()));
  }
}
