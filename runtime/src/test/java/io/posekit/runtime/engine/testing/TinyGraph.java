package io.posekit.runtime.engine.testing;

import io.posekit.runtime.engine.optim.GraphIteration;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.OptimizerSlots;
import io.posekit.runtime.engine.optim.ParamState;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.nn.TrainStep;
import io.posekit.tfmodels.nn.VariableIO;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A tiny TensorFlow graph over a test model's {@link Parameter}s that trains as the real models
 * do: a loss operand, {@code tf-models}' {@link TrainStep} (gradients and the
 * {@code GraphOptimizer}) built for the {@link OptimWrapper}'s {@code graphSpec()}, driven by
 * {@link OptimWrapper#updateParams}, the optimizer's state kept in the graph and bound to the
 * wrapper's optimizer. Between steps the parameters' arrays are the master copy (checkpoint
 * loading writes them): each step writes them in and reads them back.
 */
public final class TinyGraph implements AutoCloseable {
  private static final String SLOT_PREFIX = "optimizer.";

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final ParameterStore store = new ParameterStore(0);
  private final ParameterStore slots = new ParameterStore(0);
  private final List<Parameter> params;
  private final Map<String, Operand<TFloat32>> variables = new LinkedHashMap<>();
  private TrainStep step;
  private VariableIO io;
  private Session session;
  private OptimWrapper builtFor;

  public TinyGraph(List<Parameter> params) {
    this.params = List.copyOf(params);
    for (Parameter p : params) {
      Shape shape = Shape.of(java.util.Arrays.stream(p.shape()).asLongStream().toArray());
      variables.put(p.name(), store.variable(tf, p.name(), shape, Initializer.values(p.data()), true, false,
          p.inNormLayer() ? "BatchNorm2d" : "Linear"));
    }
  }

  public Ops tf() {
    return tf;
  }

  public Operand<TFloat32> variable(String name) {
    return variables.get(name);
  }

  public Placeholder<TFloat32> input(long... shape) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }

  /** Builds the train step of {@code loss} for {@code wrapper} (once) and binds the graph's optimizer state to it. */
  public void build(Operand<TFloat32> loss, OptimWrapper wrapper) {
    if (step != null) {
      if (wrapper != builtFor) {
        throw new IllegalStateException("the graph was built for another optimizer wrapper");
      }
      return;
    }
    step = new TrainStep(tf, store, slots, loss, false, trainable -> wrapper.graphSpec());
    io = new VariableIO(tf, List.of(store, slots));
    session = new Session(graph);
    session.initialize();
    builtFor = wrapper;
    wrapper.optimizer().bindState(new Slots());
  }

  /** The graph's optimizer state: its slots ({@code optimizer.<param>.<slot>}) and step. */
  private final class Slots implements OptimizerSlots {
    @Override
    public Map<String, ParamState> read() {
      Map<String, float[]> bySlot = new LinkedHashMap<>();
      VariableIO.read(session, slots).forEach((name, v) -> bySlot.put(name.substring(SLOT_PREFIX.length()), v));
      return ParamState.fromSlots(bySlot, step.optimizer().step());
    }

    @Override
    public void write(Map<String, ParamState> state) {
      Map<String, float[]> values = new LinkedHashMap<>();
      ParamState.toSlots(state).forEach((name, v) -> values.put(SLOT_PREFIX + name, v));
      io.write(session, values);
      step.optimizer().setStep(ParamState.commonStep(state));
    }
  }

  /**
   * MMEngine's {@code train_step} through {@code wrapper}: the inputs fed, the loss logged under
   * {@code lossName} plus what {@code extraLogs} adds, the parameters read back after the step.
   */
  public Map<String, Double> trainStep(OptimWrapper wrapper, Map<Placeholder<TFloat32>, float[]> inputs, String lossName,
      Function<TrainStep.Result, Map<String, Double>> extraLogs) {
    return wrapper.updateParams(Precision.FLOAT32, (feed, lossScale) -> {
      TrainStep.Result r = run(inputs, feed, lossScale);
      Map<String, Double> losses = new LinkedHashMap<>(GraphIteration.Outcome.of(lossName, r).losses());
      losses.putAll(extraLogs.apply(r));
      return new GraphIteration.Outcome(losses, r.applied(), r.gradNorm());
    });
  }

  /** One iteration with {@code feed}, the parameters' arrays written in first and read back after. */
  public TrainStep.Result run(Map<Placeholder<TFloat32>, float[]> inputs, GraphOptimizer.StepFeed feed, double lossScale) {
    Map<String, float[]> current = new LinkedHashMap<>();
    params.forEach(p -> current.put(p.name(), p.data()));
    io.write(session, current);
    List<TFloat32> tensors = new ArrayList<>();
    try {
      var runner = session.runner();
      inputs.forEach((placeholder, values) -> {
        TFloat32 t = TFloat32.tensorOf(resolve(placeholder.shape(), values.length), DataBuffers.of(values));
        tensors.add(t);
        runner.feed(placeholder, t);
      });
      TrainStep.Result r = step.run(runner, feed, lossScale);
      Map<String, float[]> after = VariableIO.read(session, store);
      params.forEach(p -> System.arraycopy(after.get(p.name()), 0, p.data(), 0, p.size()));
      return r;
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /** The placeholder's shape with its one unknown dimension (the batch) worked out from the number of values. */
  private static Shape resolve(Shape shape, int size) {
    long[] dims = shape.asArray();
    long known = 1;
    for (long d : dims) {
      known *= d < 0 ? 1 : d;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        dims[i] = size / known;
      }
    }
    return Shape.of(dims);
  }

  /** Values of an optimizer slot ({@code exp_avg}, ...) of a parameter. */
  public float[] slot(String param, String slot) {
    return VariableIO.read(session, slots).get(GraphOptimizer.slotName(param, slot));
  }

  public long steps() {
    return step.optimizer().step();
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
