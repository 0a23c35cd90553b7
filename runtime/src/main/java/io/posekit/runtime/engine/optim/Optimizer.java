package io.posekit.runtime.engine.optim;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.nn.OptimizerSpec;
import java.util.List;

/**
 * A PyTorch optimizer as a description, the base type of the {@code OPTIMIZERS} registry: its
 * param groups (whose {@code lr}, {@code weight_decay}, ... schedulers change between steps), its
 * fixed hyper-parameters as the {@link OptimizerSpec} a model's graph carries out, and its
 * {@code state_dict} in PyTorch's layout over the state the graph keeps ({@link OptimizerSlots}).
 * The update arithmetic exists once, in {@code tf-models}' {@code GraphOptimizer}.
 */
@DeclareRegistry(Registries.OPTIMIZERS)
public interface Optimizer {
  List<ParamGroup> paramGroups();

  /** The update rule and its fixed hyper-parameters, for one group of every parameter (the wrapper adds groups, clipping, accumulation). */
  OptimizerSpec graphSpec();

  /** Attaches the per-parameter state the model's graph keeps; {@link #stateDict()} reads it from then on. */
  void bindState(OptimizerSlots slots);

  /** PyTorch's {@code optimizer.state_dict()}: {@code state} by parameter index, {@code param_groups}. */
  OptimizerState stateDict();

  void loadStateDict(OptimizerState state);
}
