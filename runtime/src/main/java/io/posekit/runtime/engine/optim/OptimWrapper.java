package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Precision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code OptimWrapper}: scales the loss for gradient accumulation, steps the optimizer
 * every {@code accumulative_counts} iterations (and on the last one), clips gradients first when
 * {@code clip_grad} is set. The {@code optimizer} is built with the {@code params} the runtime
 * provides (see {@link DefaultOptimWrapperConstructor}).
 *
 * <p>It decides and describes; the model's graph computes: {@link #graphSpec()} is what the graph
 * is built to do, and each iteration {@link #updateParams} feeds it the groups' current lr, weight
 * decay and momentum (as the schedulers left them), the loss factor and whether to step.
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

  /**
   * The graph optimizer doing what this wrapper does: the optimizer's rule, one group per param
   * group (with weight decay ops when any group decays), clipping and accumulation.
   */
  public OptimizerSpec graphSpec() {
    List<ParamGroup> groups = paramGroups();
    Map<String, Integer> groupOf = new LinkedHashMap<>();
    boolean weightDecay = false;
    for (int i = 0; i < groups.size(); i++) {
      for (Parameter p : groups.get(i).params()) {
        groupOf.put(p.name(), i);
      }
      weightDecay |= groups.get(i).get("weight_decay") != 0;
    }
    OptimizerSpec spec = optimizer.graphSpec().withGroups(groups.size(), groupOf).withWeightDecay(weightDecay)
        .withAccumulativeCounts(accumulativeCounts);
    return clipGrad == null ? spec : spec.withClipGrad(clipGrad.maxNorm(), clipGrad.normType());
  }

  /**
   * MMEngine's {@code update_params} for a model whose graph ({@code graphPrecision}, built for
   * {@link #graphSpec()}) runs forward, backward and the step in {@code iteration}; returns the
   * log vars ({@code grad_norm} first after a clipped step).
   */
  public Map<String, Double> updateParams(Precision graphPrecision, GraphIteration iteration) {
    checkPrecision(graphPrecision);
    GraphOptimizer.StepFeed feed = nextFeed();
    GraphIteration.Outcome outcome = iteration.run(feed, lossScale());
    if (feed.update()) {
      afterStep(outcome.applied());
      if (clipGrad != null) {
        lastGradNorm = outcome.gradNorm();
      }
    }
    return withGradNorm(parseLosses(outcome.losses()), feed.update());
  }

  /**
   * What the coming iteration feeds, counting it as MMEngine's {@code update_params} does: the
   * loss factor first ({@code scale_loss}), then the count ({@code backward}) that decides whether
   * it steps ({@code should_update}).
   */
  GraphOptimizer.StepFeed nextFeed() {
    double factor = lossFactor();
    boolean update = countIteration();
    List<ParamGroup> groups = paramGroups();
    double[] lrs = new double[groups.size()];
    double[] wds = new double[groups.size()];
    double[] momentums = groups.get(0).has("momentum") ? new double[groups.size()] : null;
    for (int i = 0; i < groups.size(); i++) {
      lrs[i] = groups.get(i).get("lr");
      wds[i] = groups.get(i).get("weight_decay");
      if (momentums != null) {
        momentums[i] = groups.get(i).get("momentum");
      }
    }
    return new GraphOptimizer.StepFeed(lrs, wds, momentums, update, factor);
  }

  /** A float32 wrapper trains a float32 graph; mixed precision is {@link AmpOptimWrapper}'s. */
  protected void checkPrecision(Precision graphPrecision) {
    if (graphPrecision.isMixed()) {
      throw new IllegalStateException("the model's graph is " + graphPrecision.dtype() + ": train it with AmpOptimWrapper");
    }
  }

  /** The factor the coming iteration's loss is multiplied by before backward (GradScaler's scale); 1 here. */
  protected double lossScale() {
    return 1.0;
  }

  /** After an iteration that stepped: {@code applied} false when its gradients were not all finite. */
  protected void afterStep(boolean applied) {}

  /**
   * MMEngine's {@code backward} count: one more iteration seen; returns whether the optimizer steps
   * now ({@link #shouldUpdate()}).
   */
  boolean countIteration() {
    innerCount++;
    return shouldUpdate();
  }

  /**
   * The log vars plus {@code grad_norm} after a clipped step. MMEngine's {@code _clip_grad} writes it
   * to the message hub during the step, before the loss terms, so log lines show it first.
   */
  private Map<String, Double> withGradNorm(Map<String, Double> logVars, boolean stepped) {
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
