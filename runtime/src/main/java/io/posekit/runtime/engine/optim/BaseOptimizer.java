package io.posekit.runtime.engine.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every optimizer shares: the groups with their defaults filled in, and the
 * {@code state_dict} over the state the model's graph keeps. Subclasses describe their update
 * rule ({@link #graphSpec()}); none computes it.
 */
public abstract class BaseOptimizer implements Optimizer {
  private final List<ParamGroup> groups;
  private OptimizerSlots slots;
  /** State loaded before a graph keeps it (resuming before the model's graph is built); handed over by {@link #bindState}. */
  private Map<String, ParamState> pending = Map.of();

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

  /** A hyper-parameter the graph holds as a constant: every group must have the same value. */
  protected double shared(String key) {
    double value = groups.get(0).get(key);
    for (ParamGroup g : groups) {
      if (g.get(key) != value) {
        throw new IllegalArgumentException("optim_wrapper: param groups with different '" + key + "' (" + value + ", "
            + g.get(key) + ") are not supported in a TensorFlow graph");
      }
    }
    return value;
  }

  @Override
  public void bindState(OptimizerSlots slots) {
    this.slots = slots;
    if (!pending.isEmpty()) {
      slots.write(pending);
      pending = Map.of();
    }
  }

  /** The parameters in {@code state_dict} order: group by group, as PyTorch numbers them. */
  private List<Parameter> indexed() {
    List<Parameter> out = new ArrayList<>();
    groups.forEach(g -> out.addAll(g.params()));
    return out;
  }

  @Override
  public OptimizerState stateDict() {
    List<Parameter> params = indexed();
    Map<String, ParamState> byName = slots == null ? pending : slots.read();
    Map<Integer, ParamState> state = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      ParamState s = byName.get(params.get(i).name());
      if (s != null) {
        state.put(i, s);
      }
    }
    List<OptimizerState.Group> groupStates = new ArrayList<>();
    int index = 0;
    for (ParamGroup group : groups) {
      List<Integer> ids = new ArrayList<>();
      for (int k = 0; k < group.params().size(); k++) {
        ids.add(index++);
      }
      groupStates.add(new OptimizerState.Group(group.options(), ids));
    }
    return new OptimizerState(state, groupStates);
  }

  @Override
  public void loadStateDict(OptimizerState loaded) {
    if (loaded.paramGroups().size() != groups.size()) {
      throw new IllegalArgumentException(
          "optimizer state has " + loaded.paramGroups().size() + " param groups, the optimizer " + groups.size());
    }
    for (int i = 0; i < groups.size(); i++) {
      int expected = groups.get(i).params().size();
      if (loaded.paramGroups().get(i).params().size() != expected) {
        throw new IllegalArgumentException("optimizer state's param group " + i + " has "
            + loaded.paramGroups().get(i).params().size() + " parameters, the optimizer's " + expected);
      }
    }
    List<Parameter> params = indexed();
    Map<String, ParamState> byName = new HashMap<>();
    loaded.state().forEach((index, s) -> {
      if (index < 0 || index >= params.size()) {
        throw new IllegalArgumentException("optimizer state names parameter " + index + ", the optimizer has " + params.size());
      }
      Parameter p = params.get(index);
      s.buffers().forEach((name, values) -> {
        if (values.length != p.size()) {
          throw new IllegalArgumentException("optimizer state '" + index + "/" + name + "' (" + p.name() + ") has "
              + values.length + " values, the parameter " + p.size());
        }
      });
      byName.put(p.name(), s);
    });
    if (slots == null) {
      pending = Map.copyOf(byName);
    } else if (!byName.isEmpty()) {
      slots.write(byName);
    }
    for (int i = 0; i < groups.size(); i++) {
      loaded.paramGroups().get(i).options().forEach(groups.get(i)::set);
    }
  }

  /** torch's checks of Adam's and AdamW's {@code betas} and {@code eps}. */
  protected static void checkBetas(String optimizer, double[] betas, double eps) {
    if (betas.length != 2) {
      throw new IllegalArgumentException(optimizer + ": betas must have 2 values, got " + betas.length);
    }
    for (double b : betas) {
      if (b < 0 || b >= 1) {
        throw new IllegalArgumentException(optimizer + ": betas must be in [0, 1), got " + b);
      }
    }
    if (eps < 0) {
      throw new IllegalArgumentException(optimizer + ": eps must be >= 0, got " + eps);
    }
  }
}
