package io.posekit.tfmodels.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one model in one graph, by PyTorch name, plus the BN running-statistic updates
 * a training step must run. A variable asked for twice (train and predict paths) is shared.
 */
public final class ParameterStore {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final List<Op> updateOps = new ArrayList<>();
  private final long seed;

  public ParameterStore(long seed) {
    this.seed = seed;
  }

  /** The variable {@code name} of no particular layer class (optimizer state), created with {@code init} on first use. */
  public Variable<TFloat32> variable(
      Ops tf, String name, Shape shape, Initializer init, boolean trainable, boolean buffer) {
    return variable(tf, name, shape, init, trainable, buffer, "");
  }

  /** The variable {@code name} of a layer of PyTorch class {@code module}, created with {@code init} on first use. */
  public Variable<TFloat32> variable(
      Ops tf, String name, Shape shape, Initializer init, boolean trainable, boolean buffer, String module) {
    Parameter existing = parameters.get(name);
    if (existing != null) {
      if (!existing.shape().equals(shape)) {
        throw new IllegalStateException(name + " exists with shape " + existing.shape() + ", asked for " + shape);
      }
      return existing.variable();
    }
    Ops root = tf.withInitScope();
    Operand<TFloat32> initial = init.create(root, shape, seed + parameters.size() * 1_000_003L);
    Variable<TFloat32> variable = root.withName(name).variable(initial);
    parameters.put(name, new Parameter(name, variable, shape, trainable, buffer, module));
    return variable;
  }

  /** The seed variables and random ops of this model derive theirs from. */
  public long seed() {
    return seed;
  }

  /** Registers an op that updates state (BN running statistics) during a training step. */
  public void addUpdate(Op op) {
    updateOps.add(op);
  }

  public List<Op> updateOps() {
    return Collections.unmodifiableList(updateOps);
  }

  public Map<String, Parameter> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  public List<Parameter> trainable() {
    return parameters.values().stream().filter(p -> p.trainable() && !p.buffer()).toList();
  }

  /** {@code sum(p.numel() for p in model.parameters())}: parameters, frozen ones included. */
  public long parameterCount() {
    return parameters.values().stream().filter(p -> !p.buffer()).mapToLong(p -> p.shape().size()).sum();
  }
}
