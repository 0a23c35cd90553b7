package io.posekit.runtime.engine.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's {@code param_group}: some parameters and the hyper-parameters ({@code lr},
 * {@code weight_decay}, {@code momentum}, {@code initial_lr}, ...) that apply to them. Values set
 * before the optimizer is built override the optimizer's defaults, as in PyTorch; schedulers
 * change them between steps.
 */
public final class ParamGroup {
  private final List<Parameter> params;
  private final Map<String, Double> options = new LinkedHashMap<>();

  public ParamGroup(List<Parameter> params, Map<String, Double> options) {
    this.params = List.copyOf(params);
    this.options.putAll(options);
  }

  public ParamGroup(List<Parameter> params) {
    this(params, Map.of());
  }

  public List<Parameter> params() {
    return params;
  }

  public boolean has(String key) {
    return options.containsKey(key);
  }

  /** The value of {@code key}; an error naming the key and the first parameter when unset. */
  public double get(String key) {
    Double value = options.get(key);
    if (value == null) {
      throw new IllegalStateException(
          "param group of " + describe() + " has no '" + key + "' (has " + options.keySet() + ")");
    }
    return value;
  }

  public void set(String key, double value) {
    options.put(key, value);
  }

  /** Python's {@code dict.setdefault}: keeps a value that is already there. */
  public double setDefault(String key, double value) {
    return options.computeIfAbsent(key, k -> value);
  }

  public Map<String, Double> options() {
    return Collections.unmodifiableMap(options);
  }

  private String describe() {
    return params.isEmpty() ? "no parameters" : "'" + params.get(0).name() + "'";
  }

  @Override
  public String toString() {
    return "ParamGroup" + options + " of " + params.size() + " parameter(s)";
  }
}
