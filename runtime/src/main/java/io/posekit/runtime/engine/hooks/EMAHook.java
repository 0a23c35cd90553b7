package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code EMAHook} with its averaged model ({@code ema_type}
 * {@code ExponentialMovingAverage}: {@code avg.lerp_(src, momentum)}, or {@code ExpMomentumEMA}:
 * momentum {@code (1 - m) exp(-(1 + steps) / gamma) + m}), updated after every training iteration
 * from {@code begin_iter}/{@code begin_epoch} on (before that it copies the model). Validation and
 * testing run on the averaged weights (parameters, and buffers with {@code update_buffers}); a
 * checkpoint's {@code state_dict} holds the averaged weights and {@code ema_state_dict} the
 * averaged model's own state dict with the raw weights swapped in, keyed as MMEngine's
 * {@code AveragedModel}: {@code module.<name>} and {@code steps}. Resuming swaps them back;
 * {@code load_from} (or a checkpoint without {@code ema_state_dict}) starts the average from
 * {@code state_dict}. {@code strict_load} makes a key mismatch an error there.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class EMAHook implements Hook {
  static final String EMA = "ema_state_dict/";
  static final String MODULE = EMA + "module.";
  static final String STEPS = EMA + "steps";

  private final boolean expMomentum;
  private final double momentum;
  private final double gamma;
  private final int interval;
  private final boolean updateBuffers;
  private final boolean strictLoad;
  private final int beginIter;
  private final int beginEpoch;
  private final Map<String, float[]> average = new LinkedHashMap<>();
  private long steps;

  public EMAHook(
      @Param(defaultValue = "'ExponentialMovingAverage'") String emaType,
      @Param(defaultValue = "False") boolean strictLoad,
      @Param(defaultValue = "0") int beginIter,
      @Param(defaultValue = "0") int beginEpoch,
      @Param(defaultValue = "0.0002") double momentum,
      @Param(defaultValue = "None") @Nullable Double gamma,
      @Param(defaultValue = "1") int interval,
      @Param(defaultValue = "False") boolean updateBuffers) {
    if (!emaType.equals("ExponentialMovingAverage") && !emaType.equals("ExpMomentumEMA")) {
      throw new IllegalArgumentException(
          "EMAHook.ema_type: unknown '" + emaType + "' (ExponentialMovingAverage or ExpMomentumEMA)");
    }
    this.expMomentum = emaType.equals("ExpMomentumEMA");
    if (gamma != null && !expMomentum) {
      // MMEngine passes the hook's extra keys to the averaged model, and only ExpMomentumEMA takes gamma
      throw new IllegalArgumentException("EMAHook.gamma: only ema_type='ExpMomentumEMA' takes gamma");
    }
    if (!(momentum > 0 && momentum < 1)) {
      throw new IllegalArgumentException("EMAHook.momentum must be in (0, 1), got " + momentum);
    }
    double g = gamma != null ? gamma : 2000;
    if (interval <= 0 || g <= 0) {
      throw new IllegalArgumentException("EMAHook: interval and gamma must be > 0, got " + interval + " and " + g);
    }
    if (beginIter < 0 || beginEpoch < 0 || (beginIter != 0 && beginEpoch != 0)) {
      throw new IllegalArgumentException("EMAHook: begin_iter and begin_epoch must be >= 0 and not both set, got "
          + beginIter + " and " + beginEpoch);
    }
    this.momentum = momentum;
    this.gamma = g;
    this.interval = interval;
    this.updateBuffers = updateBuffers;
    this.strictLoad = strictLoad;
    this.beginIter = beginIter;
    this.beginEpoch = beginEpoch;
  }

  /** The model's parameters, then (with {@code withBuffers}) its buffers, live arrays by name. */
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

  @Override
  public void beforeTrain(Runner runner) {
    if (beginEpoch > 0 && beginEpoch > runner.maxEpochs()) {
      throw new IllegalArgumentException("EMAHook.begin_epoch " + beginEpoch + " is after max_epochs " + runner.maxEpochs());
    }
    if (beginIter > 0 && beginIter > runner.maxIters()) {
      throw new IllegalArgumentException("EMAHook.begin_iter " + beginIter + " is after max_iters " + runner.maxIters());
    }
  }

  /** The averaged arrays by name (parameters, then buffers). */
  public Map<String, float[]> average() {
    return average;
  }

  /** The averaged model's update count ({@code steps}). */
  public long steps() {
    return steps;
  }

  private boolean started(Runner runner) {
    return beginEpoch > 0 ? runner.epoch() + 1 >= beginEpoch : runner.iter() + 1 >= beginIter;
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    if (!started(runner)) {
      source(runner, true).forEach((k, v) -> System.arraycopy(v, 0, average.get(k), 0, v.length));
      return;
    }
    updateParameters(source(runner, updateBuffers), runner.model().buffers());
  }

  /** {@code BaseAveragedModel.update_parameters}: copy on the first step, average every interval, buffers copied unless averaged. */
  void updateParameters(Map<String, float[]> src, Map<String, float[]> buffers) {
    if (steps == 0) {
      src.forEach((k, v) -> System.arraycopy(v, 0, average.get(k), 0, v.length));
    } else if (steps % interval == 0) {
      float weight = (float) (expMomentum ? (1 - momentum) * Math.exp(-(1 + steps) / gamma) + momentum : momentum);
      src.forEach((k, v) -> lerp(average.get(k), v, weight));
    }
    if (!updateBuffers) {
      buffers.forEach((k, v) -> System.arraycopy(v, 0, average.get(k), 0, v.length));
    }
    steps++;
  }

  /** PyTorch's {@code lerp_} in float32: from the nearer end, so that the weight's rounding stays small. */
  static void lerp(float[] avg, float[] src, float weight) {
    for (int i = 0; i < avg.length; i++) {
      float diff = src[i] - avg[i];
      avg[i] = Math.abs(weight) < 0.5f ? avg[i] + weight * diff : src[i] - diff * (1 - weight);
    }
  }

  /** {@code _swap_ema_parameters}: parameters, and buffers too when they are averaged. */
  private void swap(Runner runner) {
    if (average.isEmpty()) {
      throw new IllegalStateException("EMAHook: no average to swap in; before_run was not called");
    }
    source(runner, updateBuffers).forEach((k, live) -> {
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
    // ema_state_dict = the averaged model's state dict, then _swap_ema_state_dict: the averaged
    // weights go to state_dict (ready for deployment), the raw ones to ema_state_dict/module.*
    average.forEach((k, avg) -> {
      float[] raw = checkpoint.arrays().get(Checkpoint.STATE_DICT + k);
      if (raw == null) {
        throw new IllegalStateException("EMAHook: the checkpoint's state_dict has no '" + k + "' to swap with the average");
      }
      checkpoint.arrays().put(MODULE + k, raw);
      checkpoint.arrays().put(Checkpoint.STATE_DICT + k, avg.clone());
    });
    checkpoint.arrays().put(STEPS, new float[] {steps});
  }

  @Override
  public void afterLoadCheckpoint(Runner runner, Checkpoint checkpoint) {
    Map<String, float[]> ema = checkpoint.arraysUnder(EMA);
    if (!checkpoint.arraysUnder(MODULE).isEmpty() && runner.isResuming()) {
      // swap back: state_dict regains the raw weights, the average takes the averaged ones
      for (Map.Entry<String, float[]> e : ema.entrySet()) {
        if (!e.getKey().startsWith("module.")) {
          continue;
        }
        String k = e.getKey().substring("module.".length());
        float[] averaged = checkpoint.arrays().put(Checkpoint.STATE_DICT + k, e.getValue());
        checkpoint.arrays().put(MODULE + k, averaged);
      }
      Map<String, float[]> state = new LinkedHashMap<>();
      checkpoint.arraysUnder(MODULE).forEach(state::put);
      load(state, "ema_state_dict");
      float[] s = ema.get("steps");
      if (s != null) {
        steps = (long) s[0];
      }
      return;
    }
    // load_from, or a checkpoint without an average: the average starts from state_dict
    load(checkpoint.modelStateDict(), "state_dict");
  }

  /** {@code load_state_dict(ema_model.module, state, strict=strict_load)} into the average. */
  private void load(Map<String, float[]> state, String what) {
    List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
    for (String k : average.keySet()) {
      if (!state.containsKey(k)) {
        missing.add(k);
      }
    }
    state.forEach((k, v) -> {
      float[] avg = average.get(k);
      if (avg == null) {
        if (!k.endsWith("num_batches_tracked")) {
          unexpected.add(k);
        }
      } else if (avg.length != v.length) {
        mismatched.add(k + " (" + v.length + " values, the model has " + avg.length + ")");
      } else {
        System.arraycopy(v, 0, avg, 0, v.length);
      }
    });
    if (!mismatched.isEmpty()) {
      // PyTorch refuses a size mismatch even when not strict
      throw new IllegalArgumentException("EMAHook: " + what + " does not fit the model: " + mismatched);
    }
    if (strictLoad && (!missing.isEmpty() || !unexpected.isEmpty())) {
      throw new IllegalArgumentException("EMAHook (strict_load=True): " + what + " misses keys " + missing
          + " and has unexpected keys " + unexpected);
    }
  }
}
