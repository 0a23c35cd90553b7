package io.posekit.tfmodels.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.VariableIO;
import io.posekit.tfmodels.weights.CheckpointLoader;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.TorchLayout;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Our layers against PyTorch on a fixture {@code .pth} a script beside it wrote: the module's
 * state dict (MMPose's keys), {@code input} (further inputs as {@code input.<name>}) and
 * {@code expected.<name>} tensors (NCHW). The
 * network is built on the input, every one of its variables is loaded by its state-dict key (and
 * every weight of the file must be used), then run in eval mode.
 */
public final class TorchParity {
  private final StateDict file;

  public TorchParity(Class<?> owner, String resource) {
    try {
      this.file = CheckpointLoader.readStateDict(Path.of(owner.getResource(resource).toURI()).toString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tensor {@code key} of the file, NCHW turned into NHWC for rank 4. */
  public FloatArray nhwc(String key) {
    FloatArray a = file.get(key);
    return a.rank() == 4 ? a.permute(0, 2, 3, 1) : a;
  }

  /**
   * Builds {@code net} on the file's {@code input} in eval mode, loads the weights under
   * {@code prefix} (the graph's names are the file's keys with it removed) and returns the outputs.
   * Fails on a variable the file lacks, a shape mismatch, or a weight under {@code prefix} unused.
   */
  public List<float[]> run(String prefix, BiFunction<GraphContext, Operand<TFloat32>, List<Operand<TFloat32>>> net) {
    FloatArray input = nhwc("input");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore(0);
      var x = tf.constant(Shape.of(input.shape()), DataBuffers.of(input.values()));
      List<Operand<TFloat32>> outs = net.apply(GraphContext.root(tf, store, false), x);
      VariableIO io = new VariableIO(tf, List.of(store));
      Map<String, float[]> values = new LinkedHashMap<>();
      for (Parameter p : store.parameters().values()) {
        FloatArray torch = file.get(prefix + p.name());
        assertTrue(torch != null, "the checkpoint has no " + prefix + p.name());
        assertEquals(FloatArray.shapeString(TorchLayout.torchShape(p.shape().asArray())),
            FloatArray.shapeString(torch.shape()), p.name());
        values.put(p.name(), TorchLayout.toTensorFlow(torch).values());
      }
      TreeSet<String> unused = new TreeSet<>();
      for (String key : file.keys()) {
        if (key.startsWith(prefix) && !key.endsWith("num_batches_tracked") && !key.equals("input")
            && !key.startsWith("input.")
            && !key.startsWith("expected.")
            && !store.parameters().containsKey(key.substring(prefix.length()))) {
          unused.add(key);
        }
      }
      assertTrue(unused.isEmpty(), "checkpoint keys the model does not have: " + unused);
      try (Session s = new Session(g)) {
        s.initialize();
        io.write(s, values);
        var runner = s.runner();
        outs.forEach(runner::fetch);
        List<float[]> result = new ArrayList<>();
        try (var r = runner.run()) {
          for (int i = 0; i < outs.size(); i++) {
            TFloat32 t = (TFloat32) r.get(i);
            float[] v = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(v);
            result.add(v);
          }
        }
        return result;
      }
    }
  }

  /** max |ours - torch| / max |torch| against {@code expected.<name>}, after checking the reference is not ~0. */
  public double relativeError(float[] ours, String name) {
    float[] torch = nhwc("expected." + name).values();
    assertEquals(torch.length, ours.length, "output size of " + name);
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < torch.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(ours[i] - torch[i]));
      maxRef = Math.max(maxRef, Math.abs(torch[i]));
    }
    assertTrue(maxRef > 1e-3, "reference " + name + " is ~0; the comparison would be vacuous");
    return maxDiff / maxRef;
  }

  /** Parameters of the file's module under {@code prefix} (buffers, input and outputs left out), as {@code sum(p.numel())} counts them. */
  public long parameterCount(String prefix) {
    return file.asMap().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && !e.getKey().contains("running_") && !e.getKey().equals("input")
            && !e.getKey().startsWith("expected.")
            && !e.getKey().endsWith("num_batches_tracked"))
        .mapToLong(e -> e.getValue().values().length).sum();
  }
}
