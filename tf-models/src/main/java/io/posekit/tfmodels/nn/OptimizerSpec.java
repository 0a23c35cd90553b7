package io.posekit.tfmodels.nn;

import java.util.List;
import java.util.Map;

/**
 * What {@link GraphOptimizer} builds into a training graph, in PyTorch's and MMEngine's terms: the
 * optimizer ({@code SGD}, {@code Adam}, {@code AdamW}) with its fixed hyper-parameters, the param
 * group of every trainable parameter (each group's {@code lr} and {@code weight_decay} are fed per
 * step, since schedulers change them), and the wrapper's {@code clip_grad} and
 * {@code accumulative_counts}.
 *
 * @param groupOf the param group index of every trainable parameter, by name; empty means one group
 * @param weightDecay whether any group may have a weight decay (the graph then has the decay ops)
 * @param maxNorm {@code clip_grad.max_norm}, NaN without clipping
 */
public record OptimizerSpec(
    Type type, double momentum, double dampening, boolean nesterov, double beta1, double beta2, double eps,
    boolean amsgrad, int numGroups, Map<String, Integer> groupOf, boolean weightDecay, double maxNorm, double normType,
    int accumulativeCounts) {

  /** The optimizers with a graph implementation. */
  public enum Type { SGD, ADAM, ADAMW }

  public OptimizerSpec {
    groupOf = Map.copyOf(groupOf);
    if (numGroups < 1) {
      throw new IllegalArgumentException("an optimizer needs at least one param group, got " + numGroups);
    }
    for (Map.Entry<String, Integer> e : groupOf.entrySet()) {
      if (e.getValue() < 0 || e.getValue() >= numGroups) {
        throw new IllegalArgumentException("parameter '" + e.getKey() + "' is in group " + e.getValue() + " of " + numGroups);
      }
    }
    if (accumulativeCounts < 1) {
      throw new IllegalArgumentException("accumulative_counts must be >= 1, got " + accumulativeCounts);
    }
    if (!Double.isNaN(maxNorm) && !(maxNorm > 0 && normType > 0)) {
      throw new IllegalArgumentException("clip_grad needs max_norm > 0 and norm_type > 0, got " + maxNorm + ", " + normType);
    }
    if (type == Type.SGD && nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException("SGD: nesterov=True requires momentum > 0 and dampening = 0");
    }
  }

  /** {@code torch.optim.SGD} in one group. */
  public static OptimizerSpec sgd(double momentum, double dampening, boolean nesterov) {
    return new OptimizerSpec(Type.SGD, momentum, dampening, nesterov, 0, 0, 0, false, 1, Map.of(), false, Double.NaN, 2, 1);
  }

  /** {@code torch.optim.Adam} (L2 weight decay) in one group. */
  public static OptimizerSpec adam(double beta1, double beta2, double eps, boolean amsgrad) {
    return new OptimizerSpec(Type.ADAM, 0, 0, false, beta1, beta2, eps, amsgrad, 1, Map.of(), false, Double.NaN, 2, 1);
  }

  /** {@code torch.optim.AdamW} (decoupled weight decay) in one group. */
  public static OptimizerSpec adamW(double beta1, double beta2, double eps, boolean amsgrad) {
    return new OptimizerSpec(Type.ADAMW, 0, 0, false, beta1, beta2, eps, amsgrad, 1, Map.of(), true, Double.NaN, 2, 1);
  }

  /** PyTorch's default Adam (betas 0.9/0.999, eps 1e-8, no weight decay), what graphs train with unless told. */
  public static OptimizerSpec defaultAdam(List<Parameter> trainable) {
    return adam(0.9, 0.999, 1e-8, false);
  }

  public OptimizerSpec withGroups(int numGroups, Map<String, Integer> groupOf) {
    return new OptimizerSpec(type, momentum, dampening, nesterov, beta1, beta2, eps, amsgrad, numGroups, groupOf, weightDecay,
        maxNorm, normType, accumulativeCounts);
  }

  public OptimizerSpec withWeightDecay(boolean weightDecay) {
    return new OptimizerSpec(type, momentum, dampening, nesterov, beta1, beta2, eps, amsgrad, numGroups, groupOf, weightDecay,
        maxNorm, normType, accumulativeCounts);
  }

  public OptimizerSpec withClipGrad(double maxNorm, double normType) {
    return new OptimizerSpec(type, momentum, dampening, nesterov, beta1, beta2, eps, amsgrad, numGroups, groupOf, weightDecay,
        maxNorm, normType, accumulativeCounts);
  }

  public OptimizerSpec withAccumulativeCounts(int accumulativeCounts) {
    return new OptimizerSpec(type, momentum, dampening, nesterov, beta1, beta2, eps, amsgrad, numGroups, groupOf, weightDecay,
        maxNorm, normType, accumulativeCounts);
  }

  public boolean clipsGradients() {
    return !Double.isNaN(maxNorm);
  }

  /** The group of {@code param}: its entry in {@link #groupOf}, or 0 with a single group. */
  public int groupOf(String param) {
    Integer g = groupOf.get(param);
    if (g == null) {
      if (numGroups == 1) {
        return 0;
      }
      throw new IllegalArgumentException("trainable parameter '" + param + "' is in no param group");
    }
    return g;
  }
}
