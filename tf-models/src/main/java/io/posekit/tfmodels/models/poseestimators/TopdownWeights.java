package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.VariableIO;
import io.posekit.tfmodels.weights.CheckpointLoader;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.InitCfg;
import io.posekit.tfmodels.weights.LoadReport;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.StateDictMismatchException;
import io.posekit.tfmodels.weights.TorchLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Session;

/**
 * A {@link TopdownGraph}'s weights in and out under MMPose's names and PyTorch's layouts:
 * {@code model.state_dict()}, {@code load_state_dict}, {@code load_from} checkpoints, and the
 * modules' {@code init_cfg}s applied when the graph is built.
 */
final class TopdownWeights {
  private final TopdownPoseEstimator model;
  private final ParameterStore store;
  private final Session session;
  private final VariableIO io;
  private final long seed;

  TopdownWeights(TopdownPoseEstimator model, ParameterStore store, Session session, VariableIO io, long seed) {
    this.model = model;
    this.store = store;
    this.session = session;
    this.io = io;
    this.seed = seed;
  }

  /**
   * MMEngine's {@code init_weights} order: the estimator's initialisers, then each child's
   * initialisers and its Pretrained, then the estimator's Pretrained last.
   */
  void applyInitCfg() {
    List<InitCfg> own = model.initCfg();
    own.stream().filter(c -> !c.isPretrained()).forEach(c -> initialise(c, ""));
    Map<String, List<InitCfg>> children = new LinkedHashMap<>();
    children.put("backbone.", model.backbone().initCfg());
    model.neck().ifPresent(n -> children.put("neck.", n.initCfg()));
    children.put("head.", model.head().initCfg());
    children.forEach((scope, cfgs) -> {
      cfgs.stream().filter(c -> !c.isPretrained()).forEach(c -> initialise(c, scope));
      cfgs.stream().filter(InitCfg::isPretrained).forEach(c -> loadPretrained(c, scope));
    });
    own.stream().filter(InitCfg::isPretrained).forEach(c -> loadPretrained(c, ""));
  }

  /** Redraws the weights and biases of the layers under {@code scope} that {@code cfg} names. */
  private void initialise(InitCfg cfg, String scope) {
    Map<String, FloatArray> values = new LinkedHashMap<>();
    for (Parameter p : store.parameters().values()) {
      int dot = p.name().lastIndexOf('.');
      String leaf = p.name().substring(dot + 1);
      if (!p.name().startsWith(scope) || p.buffer() || !cfg.appliesTo(p.module())
          || !(leaf.equals("weight") || leaf.equals("bias"))) {
        continue;
      }
      Parameter weight = store.parameters().get(p.name().substring(0, dot + 1) + "weight");
      long[] weightShape = TorchLayout.torchShape(weight.shape().asArray());
      Random random = new Random(seed * 1_000_003L + p.name().hashCode());
      FloatArray torch = cfg.initialise(leaf, TorchLayout.torchShape(p.shape().asArray()), weightShape, random);
      values.put(p.name(), TorchLayout.toTensorFlow(torch));
    }
    write(values);
  }

  /** MMEngine's PretrainedInit: the checkpoint (under {@code prefix}) into {@code scope}, non-strict, logged. */
  private void loadPretrained(InitCfg cfg, String scope) {
    StateDict weights = CheckpointLoader.readStateDict(cfg.checkpoint(), cfg.prefix());
    String source = cfg.where() + " (" + cfg.checkpoint() + ")";
    LoadReport report = loadStateDict(weights, scope, false, source);
    if (!report.isClean()) {
      System.getLogger(TopdownGraph.class.getName()).log(System.Logger.Level.WARNING, report.describe(source));
    }
  }

  /** See {@link TopdownGraph#stateDict()}. */
  StateDict stateDict() {
    StateDict out = new StateDict();
    VariableIO.read(session, store).forEach((name, values) ->
        out.put(name, TorchLayout.toTorch(new FloatArray(store.parameters().get(name).shape().asArray(), values))));
    return out;
  }

  /** See {@link TopdownGraph#loadStateDict(StateDict, String, boolean, String)}. */
  LoadReport loadStateDict(StateDict weights, String scope, boolean strict, String source) {
    Map<String, Parameter> params = store.parameters();
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    Map<String, FloatArray> values = new LinkedHashMap<>();
    for (Map.Entry<String, FloatArray> e : weights.asMap().entrySet()) {
      String name = scope + e.getKey();
      Parameter p = params.get(name);
      if (p == null) {
        if (!e.getKey().endsWith("num_batches_tracked")) {
          unexpected.add(e.getKey());
        }
        continue;
      }
      long[] expected = TorchLayout.torchShape(p.shape().asArray());
      if (!e.getValue().sameShape(expected)) {
        mismatched.add("size mismatch for " + e.getKey() + ": copying a param with shape "
            + FloatArray.shapeString(e.getValue().shape()) + " from checkpoint, the shape in current model is "
            + FloatArray.shapeString(expected));
        continue;
      }
      values.put(name, TorchLayout.toTensorFlow(e.getValue()));
    }
    for (String name : params.keySet()) {
      if (name.startsWith(scope) && !weights.contains(name.substring(scope.length()))) {
        missing.add(name.substring(scope.length()));
      }
    }
    LoadReport report = new LoadReport(missing, unexpected, mismatched);
    if (strict && !report.isClean()) {
      throw new StateDictMismatchException(source, report);
    }
    write(values);
    return report;
  }

  /** Writes TensorFlow-layout arrays into the variables they name. */
  private void write(Map<String, FloatArray> values) {
    Map<String, float[]> raw = new LinkedHashMap<>();
    values.forEach((name, v) -> raw.put(name, v.values()));
    io.write(session, raw);
  }
}
