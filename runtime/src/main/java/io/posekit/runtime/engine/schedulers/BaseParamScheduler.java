package io.posekit.runtime.engine.schedulers;

import io.posekit.runtime.engine.optim.Optimizer;
import io.posekit.runtime.engine.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * MMEngine's {@code _ParamScheduler} in chainable form: each step inside {@code [begin, end)}
 * computes the new value from the group's current value (so several schedulers active at once
 * compose by multiplication) and counts {@code last_step} from 0 at {@code begin}. Constructing a
 * scheduler performs its first step, as in MMEngine; subclasses call {@link #start()} last in
 * their constructor, once their own fields are set.
 */
public abstract class BaseParamScheduler implements ParamScheduler {
  private final Optimizer optimizer;
  private final String paramName;
  private final ScheduleWindow window;
  private final boolean verbose;
  private final double[] baseValues;
  private int lastStep;
  private int globalStep = -1;
  private List<Double> lastValue = List.of();

  protected BaseParamScheduler(
      Optimizer optimizer, String paramName, ScheduleWindow window, int lastStep, boolean verbose) {
    if (lastStep < -1) {
      throw new IllegalArgumentException(name() + ": last_step must be >= -1, got " + lastStep);
    }
    this.optimizer = optimizer;
    this.paramName = paramName;
    this.window = window;
    this.verbose = verbose;
    String initialKey = "initial_" + paramName;
    List<ParamGroup> groups = optimizer.paramGroups();
    baseValues = new double[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      ParamGroup group = groups.get(i);
      if (lastStep == -1) {
        group.setDefault(initialKey, group.get(paramName));
      } else if (!group.has(initialKey)) {
        throw new IllegalArgumentException(
            name() + ": param '" + initialKey + "' is not specified in param_groups[" + i
                + "] when resuming with last_step=" + lastStep);
      }
      baseValues[i] = group.get(initialKey);
    }
    this.lastStep = lastStep;
  }

  /** The constructor's first step; must be the subclass constructor's last statement. */
  protected final void start() {
    if (globalStep != -1) {
      throw new IllegalStateException(name() + ": start() called twice");
    }
    step();
  }

  /** The chainable update of one group: its next value from the current one. */
  protected abstract double nextValue(double current, double baseValue);

  /** Steps counted inside the window, 0 at {@code begin}. */
  protected final int lastStep() {
    return lastStep;
  }

  protected final ScheduleWindow window() {
    return window;
  }

  public final int begin() {
    return window.begin();
  }

  public final int end() {
    return window.end();
  }

  @Override
  public final boolean byEpoch() {
    return window.byEpoch();
  }

  @Override
  public final void step() {
    globalStep++;
    List<ParamGroup> groups = optimizer.paramGroups();
    if (window.begin() <= globalStep && globalStep < window.end()) {
      lastStep++;
      double[] values = new double[groups.size()];
      for (int i = 0; i < groups.size(); i++) {
        values[i] = nextValue(groups.get(i).get(paramName), baseValues[i]);
      }
      for (int i = 0; i < groups.size(); i++) {
        groups.get(i).set(paramName, values[i]);
        if (verbose) {
          LoggerFactory.getLogger(BaseParamScheduler.class).info(String.format(java.util.Locale.ROOT, "Adjusting parameter value of group %d to %.4e.", i, values[i]));
        }
      }
    }
    List<Double> values = new ArrayList<>();
    groups.forEach(g -> values.add(g.get(paramName)));
    lastValue = List.copyOf(values);
  }

  @Override
  public final List<Double> lastValue() {
    return lastValue;
  }

  private String name() {
    return getClass().getSimpleName();
  }

  @Override
  public Map<String, Object> stateDict() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", name());
    state.put("begin", window.begin());
    state.put("end", window.end());
    state.put("by_epoch", window.byEpoch());
    state.put("last_step", lastStep);
    state.put("_global_step", globalStep);
    List<Double> base = new ArrayList<>();
    for (double b : baseValues) {
      base.add(b);
    }
    state.put("base_values", base);
    state.put("_last_value", lastValue);
    return state;
  }

  @Override
  public void loadStateDict(Map<String, Object> state) {
    expect(state, "type", name());
    expect(state, "begin", window.begin());
    expect(state, "end", window.end());
    expect(state, "by_epoch", window.byEpoch());
    lastStep = number(state, "last_step").intValue();
    globalStep = number(state, "_global_step").intValue();
    List<Double> base = doubles(state, "base_values");
    if (base.size() != baseValues.length) {
      throw new IllegalArgumentException(
          name() + " state: base_values has " + base.size() + " groups, the optimizer " + baseValues.length);
    }
    for (int i = 0; i < baseValues.length; i++) {
      baseValues[i] = base.get(i);
    }
    lastValue = List.copyOf(doubles(state, "_last_value"));
  }

  private void expect(Map<String, Object> state, String key, Object value) {
    Object saved = state.get(key);
    boolean same = saved instanceof Number n && value instanceof Number v
        ? n.longValue() == v.longValue()
        : value.equals(saved);
    if (!same) {
      throw new IllegalArgumentException(
          name() + " state: '" + key + "' is " + saved + " in the checkpoint but " + value
              + " in the config; the schedule changed since the checkpoint was written");
    }
  }

  private Number number(Map<String, Object> state, String key) {
    if (!(state.get(key) instanceof Number n)) {
      throw new IllegalArgumentException(name() + " state: '" + key + "' missing or not a number: " + state.get(key));
    }
    return n;
  }

  private List<Double> doubles(Map<String, Object> state, String key) {
    if (!(state.get(key) instanceof List<?> list)) {
      throw new IllegalArgumentException(name() + " state: '" + key + "' missing or not a list: " + state.get(key));
    }
    List<Double> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Number n)) {
        throw new IllegalArgumentException(name() + " state: '" + key + "' holds a non-number " + o);
      }
      out.add(n.doubleValue());
    }
    return out;
  }
}
