package io.posekit.runtime.engine.optim;

import java.util.Map;

/**
 * PyTorch's {@code torch.cuda.amp.GradScaler} as MMEngine's {@code AmpOptimWrapper} drives it: the
 * loss is multiplied by {@link #scale()} before backward, gradients are divided by it, and a step
 * whose gradients are not all finite is skipped. Dynamic scaling halves the scale
 * ({@code backoff_factor}) after a skipped step and doubles it ({@code growth_factor}) after
 * {@code growth_interval} finite steps in a row; a static scale never changes.
 */
public final class GradScaler {
  private final boolean dynamic;
  private final double growthFactor;
  private final double backoffFactor;
  private final int growthInterval;
  private double scale;
  private int growthTracker;

  private GradScaler(boolean dynamic, double initScale, double growthFactor, double backoffFactor, int growthInterval) {
    if (!(initScale > 0) || Double.isInfinite(initScale)) {
      throw new IllegalArgumentException("optim_wrapper.loss_scale: the scale must be positive and finite, got " + initScale);
    }
    if (!(growthFactor > 1) || !(backoffFactor > 0 && backoffFactor < 1) || growthInterval < 1) {
      throw new IllegalArgumentException("optim_wrapper.loss_scale: need growth_factor > 1, 0 < backoff_factor < 1,"
          + " growth_interval >= 1; got " + growthFactor + ", " + backoffFactor + ", " + growthInterval);
    }
    this.dynamic = dynamic;
    this.scale = initScale;
    this.growthFactor = growthFactor;
    this.backoffFactor = backoffFactor;
    this.growthInterval = growthInterval;
  }

  /** GradScaler's defaults: dynamic, starting at 2^16, x2 every 2000 finite steps, x0.5 on overflow. */
  public static GradScaler dynamic() {
    return new GradScaler(true, 65536.0, 2.0, 0.5, 2000);
  }

  /** A fixed scale (MMEngine's {@code loss_scale=<float>}). */
  public static GradScaler fixed(double scale) {
    return new GradScaler(false, scale, 2.0, 0.5, 2000);
  }

  /**
   * MMEngine's {@code loss_scale}: {@code 'dynamic'} (also when absent), a number, or a dict of
   * GradScaler's arguments ({@code init_scale}, {@code growth_factor}, {@code backoff_factor},
   * {@code growth_interval}, {@code enabled=True}).
   */
  public static GradScaler fromConfig(Object lossScale) {
    if (lossScale == null || "dynamic".equals(lossScale)) {
      return dynamic();
    }
    if (lossScale instanceof Number n) {
      return fixed(n.doubleValue());
    }
    if (lossScale instanceof Map<?, ?> m) {
      for (Object key : m.keySet()) {
        if (!java.util.List.of("init_scale", "growth_factor", "backoff_factor", "growth_interval", "enabled").contains(key)) {
          throw new IllegalArgumentException("optim_wrapper.loss_scale." + key + ": unknown GradScaler argument"
              + " (init_scale, growth_factor, backoff_factor, growth_interval)");
        }
      }
      if (Boolean.FALSE.equals(m.get("enabled"))) {
        throw new IllegalArgumentException("optim_wrapper.loss_scale.enabled=False is not supported: use a float32 OptimWrapper");
      }
      return new GradScaler(true, number(m, "init_scale", 65536.0), number(m, "growth_factor", 2.0),
          number(m, "backoff_factor", 0.5), (int) number(m, "growth_interval", 2000));
    }
    throw new IllegalArgumentException("optim_wrapper.loss_scale must be 'dynamic', a number or a dict, got " + lossScale);
  }

  private static double number(Map<?, ?> m, String key, double fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("optim_wrapper.loss_scale." + key + ": expected a number, got " + v);
    }
    return n.doubleValue();
  }

  /** The factor the coming step's loss is multiplied by. */
  public double scale() {
    return scale;
  }

  public boolean isDynamic() {
    return dynamic;
  }

  /** After a step: {@code finite} tells whether its unscaled gradients were all finite (the step was taken). */
  public void update(boolean finite) {
    if (!dynamic) {
      return;
    }
    if (!finite) {
      scale *= backoffFactor;
      growthTracker = 0;
    } else if (++growthTracker == growthInterval) {
      scale *= growthFactor;
      growthTracker = 0;
    }
  }

  /** GradScaler's {@code state_dict()} entries that change while training. */
  public Map<String, Object> stateDict() {
    return Map.of("scale", scale, "_growth_tracker", growthTracker);
  }

  public void loadStateDict(Map<String, Object> state) {
    if (!(state.get("scale") instanceof Number) || !(state.get("_growth_tracker") instanceof Number)) {
      throw new IllegalArgumentException("loss_scaler state needs numbers 'scale' and '_growth_tracker', got " + state);
    }
    this.scale = ((Number) state.get("scale")).doubleValue();
    this.growthTracker = ((Number) state.get("_growth_tracker")).intValue();
  }
}
