package io.posekit.runtime.engine.optim;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.model.Parameter;
import java.util.List;

/** A PyTorch-style optimizer over float arrays; the base type of the {@code OPTIMIZERS} registry. */
@DeclareRegistry(Registries.OPTIMIZERS)
public interface Optimizer {
  List<ParamGroup> paramGroups();

  /** One update of every parameter from its current gradient. */
  void step();

  /** Clears every gradient (PyTorch's {@code zero_grad}). */
  default void zeroGrad() {
    for (ParamGroup group : paramGroups()) {
      for (Parameter p : group.params()) {
        java.util.Arrays.fill(p.grad(), 0f);
      }
    }
  }

  OptimizerState stateDict();

  void loadStateDict(OptimizerState state);
}
