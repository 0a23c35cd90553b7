package io.posekit.tfmodels.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Reads and writes the variables of some {@link ParameterStore}s in one session run, in
 * TensorFlow's layout: what state-dict and optimizer-state I/O build on. Built once the graph's
 * variables exist, before the session (it adds an assign per variable).
 */
public final class VariableIO {
  private record Assign(Placeholder<TFloat32> value, Op op, Shape shape) {}

  private final Map<String, Assign> assigns = new LinkedHashMap<>();

  public VariableIO(Ops tf, List<ParameterStore> stores) {
    for (ParameterStore s : stores) {
      for (Parameter p : s.parameters().values()) {
        var value = tf.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
        assigns.put(p.name(), new Assign(value, tf.assign(p.variable(), value), p.shape()));
      }
    }
  }

  /** Current values of every variable of {@code store}, in creation order. */
  public static Map<String, float[]> read(Session session, ParameterStore store) {
    List<Parameter> params = List.copyOf(store.parameters().values());
    Map<String, float[]> out = new LinkedHashMap<>();
    if (params.isEmpty()) {
      return out;
    }
    var runner = session.runner();
    params.forEach(p -> runner.fetch(p.variable()));
    try (var result = runner.run()) {
      for (int i = 0; i < params.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] values = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(values);
        out.put(params.get(i).name(), values);
      }
    }
    return out;
  }

  /** Writes values into the variables they name, in one session run. */
  public void write(Session session, Map<String, float[]> values) {
    if (values.isEmpty()) {
      return;
    }
    List<TFloat32> feeds = new ArrayList<>();
    try {
      var runner = session.runner();
      values.forEach((name, v) -> {
        Assign a = assigns.get(name);
        if (a == null) {
          throw new IllegalArgumentException("no variable '" + name + "' to write");
        }
        if (v.length != a.shape().size()) {
          throw new IllegalArgumentException("variable '" + name + "' holds " + a.shape().size() + " values, got " + v.length);
        }
        TFloat32 t = TFloat32.tensorOf(a.shape(), DataBuffers.of(v));
        feeds.add(t);
        runner.feed(a.value(), t).addTarget(a.op());
      });
      runner.run().close();
    } finally {
      feeds.forEach(TFloat32::close);
    }
  }
}
