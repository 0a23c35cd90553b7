package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.VariableIO;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.LoadReport;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.StateDictMismatchException;
import io.posekit.tfmodels.weights.TorchLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;

/**
 * A training {@link TopdownGraph}'s optimizer state in and out: the {@link GraphOptimizer}'s slots
 * in PyTorch layout by {@code <param>.<slot>}, and its step count.
 */
final class TopdownOptimizerState {
  private static final String PREFIX = "optimizer.";

  private final ParameterStore slots;
  private final GraphOptimizer optimizer;
  private final Session session;
  private final VariableIO io;

  TopdownOptimizerState(ParameterStore slots, GraphOptimizer optimizer, Session session, VariableIO io) {
    this.slots = slots;
    this.optimizer = optimizer;
    this.session = session;
    this.io = io;
  }

  /** See {@link TopdownGraph#optimizerStateDict()}. */
  StateDict stateDict() {
    if (optimizer.step() > (1L << 24)) {
      throw new IllegalStateException("step " + optimizer.step() + " does not fit a float exactly");
    }
    StateDict out = new StateDict();
    VariableIO.read(session, slots).forEach((name, values) -> out.put(name.substring(PREFIX.length()),
        TorchLayout.toTorch(new FloatArray(slots.parameters().get(name).shape().asArray(), values))));
    out.put("step", FloatArray.scalar(optimizer.step()));
    return out;
  }

  /** See {@link TopdownGraph#loadOptimizerStateDict}. */
  void loadStateDict(StateDict state, String source) {
    StateDict given = new StateDict();
    state.asMap().forEach((k, v) -> {
      if (!k.equals("step")) {
        given.put(k, v);
      }
    });
    FloatArray step = state.get("step");
    Map<String, Parameter> params = slots.parameters();
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    Map<String, float[]> values = new LinkedHashMap<>();
    if (step == null || step.rank() != 0 || step.values()[0] < 0 || step.values()[0] != Math.rint(step.values()[0])) {
      missing.add("step (a non-negative whole scalar)");
    }
    given.asMap().forEach((k, v) -> {
      Parameter p = params.get(PREFIX + k);
      if (p == null) {
        unexpected.add(k);
      } else if (!v.sameShape(TorchLayout.torchShape(p.shape().asArray()))) {
        mismatched.add("size mismatch for " + k + ": " + FloatArray.shapeString(v.shape()) + " in the state, "
            + FloatArray.shapeString(TorchLayout.torchShape(p.shape().asArray())) + " in the optimizer");
      } else {
        values.put(p.name(), TorchLayout.toTensorFlow(v).values());
      }
    });
    params.keySet().stream().map(n -> n.substring(PREFIX.length())).filter(n -> !given.contains(n)).forEach(missing::add);
    LoadReport report = new LoadReport(missing, unexpected, mismatched);
    if (!report.isClean()) {
      throw new StateDictMismatchException(source + " (optimizer state)", report);
    }
    io.write(session, values);
    optimizer.setStep((long) step.values()[0]);
  }
}
