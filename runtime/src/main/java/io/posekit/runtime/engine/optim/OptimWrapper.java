package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.model.Parameter;
import io.posekit.runtime.engine.model.TrainableModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * MMEngine's {@code OptimWrapper}: scales the loss for gradient accumulation, steps the optimizer
 * every {@code accumulative_counts} iterations (and on the last one), clips gradients first when
 * {@code clip_grad} is set. The {@code optimizer} is built with the {@code params} the runtime
 * provides (see {@link DefaultOptimWrapperConstructor}).
 */
@RegisterModule(registry = Registries.OPTIM_WRAPPERS)
public class OptimWrapper {
  private final Optimizer optimizer;
  private final @Nullable ClipGrad clipGrad;
  private final int accumulativeCounts;
  private int innerCount;
  private int maxCounts = -1;
  private int remainderCounts;
  private double lastGradNorm = Double.NaN;

  public OptimWrapper(
      Optimizer optimizer,
      @Nullable ClipGrad clipGrad,
      @Param(defaultValue = "1") int accumulativeCounts) {
    if (accumulativeCounts < 1) {
      throw new IllegalArgumentException(
          "optim_wrapper.accumulative_counts must be >= 1, got " + accumulativeCounts);
    }
    this.optimizer = optimizer;
    this.clipGrad = clipGrad;
    this.accumulativeCounts = accumulativeCounts;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public List<ParamGroup> paramGroups() {
    return optimizer.paramGroups();
  }

  public int accumulativeCounts() {
    return accumulativeCounts;
  }

  /** Iterations seen ({@code backward} calls), MMEngine's {@code inner_count}. */
  public int innerCount() {
    return innerCount;
  }

  /** The gradient norm before the last clipping, NaN without {@code clip_grad}. */
  public double lastGradNorm() {
    return lastGradNorm;
  }

  /** {@code clip_grad}, or null. */
  public @Nullable ClipGrad clipGrad() {
    return clipGrad;
  }

  /** Records the total norm a model that clips in its own graph computed (MMEngine logs it as {@code grad_norm}). */
  public void recordGradNorm(double norm) {
    this.lastGradNorm = norm;
  }

  /**
   * Called by the train loop before training (and after resuming) so that the last
   * {@code max_counts % accumulative_counts} iterations are scaled by their own count and still
   * end with a step.
   */
  public void initializeCountStatus(int initCounts, int maxCounts) {
    this.innerCount = initCounts;
    this.maxCounts = maxCounts;
    this.remainderCounts = maxCounts % accumulativeCounts;
  }

  /** MMEngine's {@code update_params} around the model's forward/backward; returns the log vars. */
  public <B> Map<String, Double> updateParams(TrainableModel<B> model, B batch) {
    Map<String, Double> losses = model.forwardBackward(batch, 1.0 / lossFactor());
    boolean update = countIteration();
    if (update) {
      step();
      zeroGrad();
    }
    return withGradNorm(parseLosses(losses), update);
  }

  /**
   * MMEngine's {@code backward} count: one more iteration seen; returns whether the optimizer steps
   * now ({@link #shouldUpdate()}). Models that train in their own graph call it once per iteration,
   * after reading {@link #lossFactor()}.
   */
  public boolean countIteration() {
    innerCount++;
    return shouldUpdate();
  }

  /**
   * The log vars plus {@code grad_norm} after a clipped step. MMEngine's {@code _clip_grad} writes it
   * to the message hub during the step, before the loss terms, so log lines show it first.
   */
  public Map<String, Double> withGradNorm(Map<String, Double> logVars, boolean stepped) {
    if (!stepped || clipGrad == null) {
      return logVars;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("grad_norm", lastGradNorm);
    out.putAll(logVars);
    return out;
  }

  /** {@code parse_losses}: {@code loss} (the sum of every key containing "loss") first, then each term. */
  public static Map<String, Double> parseLosses(Map<String, Double> losses) {
    double total = 0;
    for (Map.Entry<String, Double> e : losses.entrySet()) {
      if (e.getKey().contains("loss")) {
        total += e.getValue();
      }
    }
    Map<String, Double> logVars = new LinkedHashMap<>();
    logVars.put("loss", total);
    losses.forEach((k, v) -> {
      if (!k.equals("loss")) {
        logVars.put(k, v);
      }
    });
    return logVars;
  }

  /** The divisor of the loss at the coming iteration (MMEngine's {@code scale_loss}). */
  public double lossFactor() {
    if (accumulativeCounts == 1) {
      return 1;
    }
    if (maxCounts == -1) {
      return accumulativeCounts;
    }
    int factor = innerCount < maxCounts - remainderCounts ? accumulativeCounts : remainderCounts;
    if (factor <= 0) {
      throw new IllegalStateException(
          "loss factor " + factor + " at count " + innerCount + " of " + maxCounts
              + ": initializeCountStatus was called with wrong counts");
    }
    return factor;
  }

  public boolean shouldUpdate() {
    return innerCount % accumulativeCounts == 0 || innerCount == maxCounts;
  }

  /** Clips (when configured) and steps the optimizer. */
  public void step() {
    if (clipGrad != null) {
      List<Parameter> params = new ArrayList<>();
      for (ParamGroup g : optimizer.paramGroups()) {
        params.addAll(g.params());
      }
      lastGradNorm = clipGrad.clip(params);
    }
    optimizer.step();
  }

  public void zeroGrad() {
    optimizer.zeroGrad();
  }

  /** The current learning rate of every group, as MMEngine's {@code get_lr()['lr']}. */
  public List<Double> getLr() {
    return optimizer.paramGroups().stream().map(g -> g.get("lr")).toList();
  }

  public OptimizerState stateDict() {
    return optimizer.stateDict();
  }

  public void loadStateDict(OptimizerState state) {
    optimizer.loadStateDict(state);
  }

  /** What the wrapper itself adds to the optimizer's {@code state_dict} (AmpOptimWrapper: {@code loss_scaler}); empty here. */
  public Map<String, Object> wrapperStateDict() {
    return Map.of();
  }

  /** Restores {@link #wrapperStateDict()} output; {@code source} names the checkpoint in errors. */
  public void loadWrapperStateDict(Map<String, Object> state, String source) {
    if (!state.isEmpty()) {
      throw new IllegalArgumentException(source + ": the optimizer wrapper state has " + state.keySet()
          + ", a " + getClass().getSimpleName() + " keeps none");
    }
  }
}
