package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code EMAHook}: keeps an exponential moving average of the model's parameters
 * (and buffers with {@code update_buffers=True}; otherwise buffers are copied) updated after every
 * training iteration, validates and tests with the averaged weights, and saves them as the
 * checkpoint's {@code state_dict} with the raw weights under {@code ema_state_dict} (swapped back
 * on resume). {@code ema_type} picks the averaging: {@code ExponentialMovingAverage}
 * ({@code avg += momentum * (src - avg)}) or {@code ExpMomentumEMA} (momentum
 * {@code (1-m)·exp(-(1+steps)/gamma) + m}). Before {@code begin_iter}/{@code begin_epoch} the
 * average just copies the model.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class EMAHook implements Hook {
  private static final String EMA = "ema_state_dict/";

  private final String emaType;
  private final double momentum;
  private final double gamma;
  private final int interval;
  private final boolean updateBuffers;
  private final int beginIter;
  private final int beginEpoch;
  private final Map<String, float[]> average = new LinkedHashMap<>();
  private long steps;

  public EMAHook(
      @Param(defaultValue = "'ExponentialMovingAverage'") String emaType,
      @Param(defaultValue = "0.0002") double momentum,
      @Param(defaultValue = "2000") double gamma,
      @Param(defaultValue = "1") int interval,
      @Param(defaultValue = "False") boolean updateBuffers,
      @Param(defaultValue = "0") int beginIter,
      @Param(defaultValue = "0") int beginEpoch) {
    if (!emaType.equals("ExponentialMovingAverage") && !emaType.equals("ExpMomentumEMA")) {
      throw new IllegalArgumentException(
          "EMAHook.ema_type: unknown '" + emaType + "' (ExponentialMovingAverage or ExpMomentumEMA)");
    }
    if (!(momentum > 0 && momentum < 1)) {
      throw new IllegalArgumentException("EMAHook.momentum must be in (0, 1), got " + momentum);
    }
    if (interval <= 0 || gamma <= 0) {
      throw new IllegalArgumentException("EMAHook: interval and gamma must be > 0");
    }
    this.emaType = emaType;
    this.momentum = momentum;
    this.gamma = gamma;
    this.interval = interval;
    this.updateBuffers = updateBuffers;
    this.beginIter = beginIter;
    this.beginEpoch = beginEpoch;
  }

  private static Map<String, float[]> source(Runner runner, boolean withBuffers) {
    Map<String, float[]> src = new LinkedHashMap<>();
    runner.model().parameters().forEach(p -> src.put(p.name(), p.data()));
    if (withBuffers) {
      src.putAll(runner.model().buffers());
    }
    return src;
  }

  @Override
  public void beforeRun(Runner runner) {
    average.clear();
    source(runner, true).forEach((k, v) -> average.put(k, v.clone()));
    steps = 0;
  }

  /** The averaged arrays by name (parameters, then buffers). */
  public Map<String, float[]> average() {
    return average;
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    boolean started = runner.iter() + 1 >= beginIter && runner.epoch() + 1 >= beginEpoch;
    if (!started) {
      source(runner, true).forEach((k, v) -> System.arraycopy(v, 0, average.get(k), 0, v.length));
      return;
    }
    // BaseAveragedModel.update_parameters: copy on the first step, average every interval.
    if (steps % interval == 0) {
      double m = emaType.equals("ExpMomentumEMA")
          ? (1 - momentum) * Math.exp(-(1 + steps) / gamma) + momentum
          : momentum;
      for (Map.Entry<String, float[]> e : source(runner, updateBuffers).entrySet()) {
        float[] avg = average.get(e.getKey());
        float[] src = e.getValue();
        for (int i = 0; i < avg.length; i++) {
          avg[i] = steps == 0 ? src[i] : (float) (avg[i] + m * (src[i] - avg[i]));
        }
      }
    }
    if (!updateBuffers) {
      runner.model().buffers().forEach((k, v) -> System.arraycopy(v, 0, average.get(k), 0, v.length));
    }
    steps++;
  }

  private void swap(Runner runner) {
    if (average.isEmpty()) {
      throw new IllegalStateException("EMAHook: no average to swap in; before_run was not called");
    }
    source(runner, true).forEach((k, live) -> {
      float[] avg = average.get(k);
      float[] tmp = live.clone();
      System.arraycopy(avg, 0, live, 0, live.length);
      System.arraycopy(tmp, 0, avg, 0, tmp.length);
    });
  }

  @Override
  public void beforeValEpoch(Runner runner) {
    swap(runner);
  }

  @Override
  public void afterValEpoch(Runner runner, Map<String, Double> metrics) {
    swap(runner);
  }

  @Override
  public void beforeTestEpoch(Runner runner) {
    swap(runner);
  }

  @Override
  public void afterTestEpoch(Runner runner, Map<String, Double> metrics) {
    swap(runner);
  }

  @Override
  public void beforeSaveCheckpoint(Runner runner, Checkpoint checkpoint) {
    // state_dict <- averaged weights, ema_state_dict <- raw weights (MMEngine's _swap_ema_state_dict).
    average.forEach((k, avg) -> {
      float[] raw = checkpoint.arrays().get(Checkpoint.STATE_DICT + k);
      checkpoint.arrays().put(EMA + k, raw);
      checkpoint.arrays().put(Checkpoint.STATE_DICT + k, avg.clone());
    });
    checkpoint.meta().put("ema_steps", steps);
  }

  @Override
  public void afterLoadCheckpoint(Runner runner, Checkpoint checkpoint) {
    Map<String, float[]> raw = checkpoint.arraysUnder(EMA);
    if (raw.isEmpty() || !runner.isResuming()) {
      // load_from: the model takes the checkpoint's state_dict (the averaged weights when it was
      // written with EMA), and so does the average once before_run has created it.
      checkpoint.arraysUnder(Checkpoint.STATE_DICT).forEach((k, v) -> {
        float[] avg = average.get(k);
        if (avg != null && avg.length == v.length) {
          System.arraycopy(v, 0, avg, 0, v.length);
        }
      });
      return;
    }
    for (String k : List.copyOf(raw.keySet())) {
      float[] avg = checkpoint.arrays().get(Checkpoint.STATE_DICT + k);
      if (avg == null || !average.containsKey(k)) {
        throw new IllegalArgumentException("ema_state_dict key '" + k + "' does not match the model");
      }
      System.arraycopy(avg, 0, average.get(k), 0, avg.length);
      checkpoint.arrays().put(Checkpoint.STATE_DICT + k, raw.get(k));
      checkpoint.arrays().remove(EMA + k);
    }
    if (checkpoint.meta().get("ema_steps") instanceof Number n) {
      steps = n.longValue();
    }
  }
}
