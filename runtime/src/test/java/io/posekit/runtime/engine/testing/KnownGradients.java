package io.posekit.runtime.engine.testing;

import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Parameters in a {@link TinyGraph} whose loss is {@code sum(g * p)} over all of them with each
 * {@code g} fed: the gradient of every iteration is exactly the {@code g} given, so optimizer steps
 * can be checked against values worked by hand or by {@code torch.optim}.
 */
public final class KnownGradients implements AutoCloseable {
  private final List<Parameter> params;
  private final TinyGraph graph;
  private final List<Placeholder<TFloat32>> grads = new ArrayList<>();
  private final Operand<TFloat32> loss;

  public KnownGradients(List<Parameter> params) {
    this.params = List.copyOf(params);
    this.graph = new TinyGraph(params);
    Ops tf = graph.tf();
    Operand<TFloat32> total = tf.constant(0f);
    for (Parameter p : params) {
      long[] shape = java.util.Arrays.stream(p.shape()).asLongStream().toArray();
      Placeholder<TFloat32> g = graph.input(shape);
      grads.add(g);
      var axes = tf.constant(java.util.stream.IntStream.range(0, shape.length).toArray());
      total = tf.math.add(total, tf.reduceSum(tf.math.mul(g, graph.variable(p.name())), axes));
    }
    this.loss = total;
  }

  /** One iteration through {@code wrapper} with these gradients (one array per parameter); returns the log vars. */
  public Map<String, Double> iterate(OptimWrapper wrapper, float[]... gradients) {
    graph.build(loss, wrapper);
    Map<Placeholder<TFloat32>, float[]> inputs = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      inputs.put(grads.get(i), gradients[i]);
    }
    return graph.trainStep(wrapper, inputs, "loss", r -> Map.of());
  }

  public TinyGraph graph() {
    return graph;
  }

  @Override
  public void close() {
    graph.close();
  }
}
