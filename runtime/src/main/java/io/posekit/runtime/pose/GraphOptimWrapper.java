package io.posekit.runtime.pose;

import io.posekit.runtime.engine.model.Parameter;
import io.posekit.runtime.engine.optim.Adam;
import io.posekit.runtime.engine.optim.AdamW;
import io.posekit.runtime.engine.optim.ClipGrad;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Optimizer;
import io.posekit.runtime.engine.optim.ParamGroup;
import io.posekit.runtime.engine.optim.SGD;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OptimizerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine {@link OptimWrapper} (built by {@code DefaultOptimWrapperConstructor}, so its param
 * groups carry {@code paramwise_cfg}'s multipliers) carried out inside a TensorFlow graph: the
 * {@link OptimizerSpec} the graph is built with, and per iteration the {@link GraphOptimizer.StepFeed}
 * (each group's current lr and weight decay, the wrapper's loss factor and whether it steps).
 */
public final class GraphOptimWrapper {
  private GraphOptimWrapper() {}

  /** The graph optimizer doing what {@code wrapper} would: same optimizer, groups, clipping and accumulation. */
  public static OptimizerSpec spec(OptimWrapper wrapper) {
    Optimizer optimizer = wrapper.optimizer();
    List<ParamGroup> groups = wrapper.paramGroups();
    OptimizerSpec spec;
    if (optimizer instanceof SGD sgd) {
      spec = OptimizerSpec.sgd(shared(groups, "momentum"), shared(groups, "dampening"), sgd.nesterov());
    } else if (optimizer instanceof Adam adam) {
      spec = OptimizerSpec.adam(adam.betas()[0], adam.betas()[1], shared(groups, "eps"), adam.amsgrad());
    } else if (optimizer instanceof AdamW adamW) {
      spec = OptimizerSpec.adamW(adamW.betas()[0], adamW.betas()[1], shared(groups, "eps"), adamW.amsgrad());
    } else {
      throw new IllegalArgumentException("optim_wrapper.optimizer.type: top-down models train with SGD, Adam or AdamW in"
          + " their graph, got " + optimizer.getClass().getSimpleName());
    }
    Map<String, Integer> groupOf = new LinkedHashMap<>();
    boolean weightDecay = false;
    for (int i = 0; i < groups.size(); i++) {
      for (Parameter p : groups.get(i).params()) {
        groupOf.put(p.name(), i);
      }
      weightDecay |= groups.get(i).get("weight_decay") != 0;
    }
    spec = spec.withGroups(groups.size(), groupOf).withWeightDecay(weightDecay)
        .withAccumulativeCounts(wrapper.accumulativeCounts());
    ClipGrad clip = wrapper.clipGrad();
    return clip == null ? spec : spec.withClipGrad(clip.maxNorm(), clip.normType());
  }

  /** A hyper-parameter the graph holds as a constant: every group must have the same value. */
  private static double shared(List<ParamGroup> groups, String key) {
    double value = groups.get(0).get(key);
    for (ParamGroup g : groups) {
      if (g.get(key) != value) {
        throw new IllegalArgumentException("optim_wrapper: param groups with different '" + key + "' (" + value + ", "
            + g.get(key) + ") are not supported in a TensorFlow graph");
      }
    }
    return value;
  }

  /**
   * What the coming iteration feeds, counting it on the wrapper as MMEngine's {@code update_params}
   * does: the loss factor first ({@code scale_loss}), then the count ({@code backward}) that
   * decides whether it steps ({@code should_update}).
   */
  public static GraphOptimizer.StepFeed nextFeed(OptimWrapper wrapper) {
    double factor = wrapper.lossFactor();
    boolean update = wrapper.countIteration();
    List<ParamGroup> groups = wrapper.paramGroups();
    double[] lrs = new double[groups.size()];
    double[] wds = new double[groups.size()];
    for (int i = 0; i < groups.size(); i++) {
      lrs[i] = groups.get(i).get("lr");
      wds[i] = groups.get(i).get("weight_decay");
    }
    return new GraphOptimizer.StepFeed(lrs, wds, update, factor);
  }
}
