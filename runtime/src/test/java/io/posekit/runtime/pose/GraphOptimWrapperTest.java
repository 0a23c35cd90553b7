package io.posekit.runtime.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.model.Parameter;
import io.posekit.runtime.engine.model.TrainableModel;
import io.posekit.runtime.engine.optim.Adam;
import io.posekit.runtime.engine.optim.AdamW;
import io.posekit.runtime.engine.optim.ClipGrad;
import io.posekit.runtime.engine.optim.CustomKeyCfg;
import io.posekit.runtime.engine.optim.DefaultOptimWrapperConstructor;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Optimizer;
import io.posekit.runtime.engine.optim.ParamGroup;
import io.posekit.runtime.engine.optim.ParamGroups;
import io.posekit.runtime.engine.optim.ParamState;
import io.posekit.runtime.engine.optim.ParamwiseCfg;
import io.posekit.runtime.engine.optim.SGD;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The optimizers a top-down model runs in its TensorFlow graph do what the engine's Java
 * optimizers (tested against hand-worked values in {@code OptimizerTest}) do with the same
 * gradients: same weights and optimizer state after every iteration, through the wrapper's
 * {@code paramwise_cfg} groups, scheduled lr, {@code clip_grad} and {@code accumulative_counts}
 * with MMEngine's tail handling.
 */
class GraphOptimWrapperTest {
  private static final double TOL = 1e-6;
  /** Three parameters of the kinds {@code paramwise_cfg} tells apart: a conv weight, its bias, a norm weight. */
  private static final String[] NAMES = {"backbone.conv1.weight", "backbone.conv1.bias", "backbone.bn1.weight"};
  private static final int[][] SHAPES = {{2, 3}, {3}, {3}};
  private static final boolean[] NORM = {false, false, true};

  private static List<Parameter> params() {
    Random r = new Random(42);
    List<Parameter> out = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) {
      float[] data = new float[Arrays.stream(SHAPES[i]).reduce(1, (a, b) -> a * b)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (float) r.nextGaussian();
      }
      out.add(new Parameter(NAMES[i], SHAPES[i], data, NORM[i], false));
    }
    return out;
  }

  /** A graph with the parameters as variables, their gradients fed, and the optimizer of {@code spec}. */
  private static final class Harness implements AutoCloseable {
    final Graph graph = new Graph();
    final ParameterStore store = new ParameterStore(0);
    final ParameterStore slots = new ParameterStore(0);
    final List<Placeholder<TFloat32>> grads = new ArrayList<>();
    final GraphOptimizer optimizer;
    final Session session;

    Harness(List<Parameter> initial, OptimizerSpec spec, boolean checkFinite) {
      Ops tf = Ops.create(graph);
      for (Parameter p : initial) {
        Shape shape = Shape.of(Arrays.stream(p.shape()).asLongStream().toArray());
        store.variable(tf, p.name(), shape, Initializer.values(p.data()), true, false, p.inNormLayer() ? "BatchNorm2d" : "Conv2d");
        grads.add(tf.placeholder(TFloat32.class, Placeholder.shape(shape)));
      }
      optimizer = new GraphOptimizer(tf, slots, store.trainable(), new ArrayList<Operand<TFloat32>>(grads), spec, checkFinite);
      session = new Session(graph);
      session.initialize();
    }

    /** One iteration; returns the gradient norm when it stepped with clipping, else NaN. */
    double iterate(float[][] g, GraphOptimizer.StepFeed feed) {
      List<AutoCloseable> feeds = new ArrayList<>();
      try {
        var runner = session.runner();
        for (int i = 0; i < g.length; i++) {
          TFloat32 t = TFloat32.tensorOf(grads.get(i).shape(), DataBuffers.of(g[i]));
          feeds.add(t);
          runner.feed(grads.get(i), t);
        }
        boolean norm = feed.update() && optimizer.gradNorm() != null;
        boolean finite = feed.update() && optimizer.finite() != null;
        if (norm) {
          runner.fetch(optimizer.gradNorm());
        }
        if (finite) {
          runner.fetch(optimizer.finite());
        }
        optimizer.targets(feed.update()).forEach(runner::addTarget);
        optimizer.feed(runner, feed, feeds);
        try (var result = runner.run()) {
          boolean applied = feed.update() && (!finite || ((TBool) result.get(norm ? 1 : 0)).getBoolean());
          if (applied) {
            optimizer.commit();
          }
          return norm ? ((TFloat32) result.get(0)).getFloat() : Double.NaN;
        }
      } finally {
        for (AutoCloseable c : feeds) {
          try {
            c.close();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }

    float[] read(String name) {
      var p = store.parameters().containsKey(name) ? store.parameters().get(name) : slots.parameters().get(name);
      try (var result = session.runner().fetch(p.variable()).run()) {
        TFloat32 t = (TFloat32) result.get(0);
        float[] out = new float[(int) t.size()];
        t.asRawTensor().data().asFloats().read(out);
        return out;
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  /** The engine's path: gradients added into {@code p.grad()} times the wrapper's loss scale. */
  private static TrainableModel<float[][]> model(List<Parameter> params) {
    return new TrainableModel<>() {
      @Override
      public List<Parameter> parameters() {
        return params;
      }

      @Override
      public Map<String, float[]> buffers() {
        return Map.of();
      }

      @Override
      public void setTraining(boolean training) {}

      @Override
      public Map<String, Double> forwardBackward(float[][] grads, double lossScale) {
        for (int i = 0; i < params.size(); i++) {
          float[] g = params.get(i).grad();
          for (int j = 0; j < g.length; j++) {
            g[j] += (float) (grads[i][j] * lossScale);
          }
        }
        return new java.util.LinkedHashMap<>(Map.of("loss", 0.0));
      }

      @Override
      public List<?> predict(float[][] batch) {
        return List.of();
      }
    };
  }

  private static OptimWrapper wrapper(List<Parameter> params, @io.posekit.annotations.Nullable ParamwiseCfg paramwise,
      double lr, Double wd, Function<ParamGroups, Optimizer> optimizer, ClipGrad clip, int accumulativeCounts) {
    ParamGroups groups = new DefaultOptimWrapperConstructor(paramwise).paramGroups(params, lr, wd);
    return new OptimWrapper(optimizer.apply(groups), clip, accumulativeCounts);
  }

  /**
   * Runs {@code iters} iterations of random gradients (some large enough to be clipped) through
   * the engine and through the graph, the lr of every group decaying by 0.8 per iteration as a
   * scheduler would change it, and compares weights, state and gradient norms after each.
   */
  private static void assertGraphMatchesEngine(ParamwiseCfg paramwise, double lr, Double wd,
      Function<ParamGroups, Optimizer> optimizer, ClipGrad clip, int accumulativeCounts, int iters) {
    List<Parameter> engineParams = params();
    OptimWrapper engine = wrapper(engineParams, paramwise, lr, wd, optimizer, clip, accumulativeCounts);
    OptimWrapper forGraph = wrapper(params(), paramwise, lr, wd, optimizer, clip, accumulativeCounts);
    engine.initializeCountStatus(0, iters);
    forGraph.initializeCountStatus(0, iters);
    TrainableModel<float[][]> model = model(engineParams);
    Random r = new Random(7);
    int steps = 0;
    try (Harness graph = new Harness(params(), GraphOptimWrapper.spec(forGraph), false)) {
      for (int it = 0; it < iters; it++) {
        float[][] grads = new float[NAMES.length][];
        double magnitude = it % 2 == 0 ? 3 : 0.1;
        for (int i = 0; i < grads.length; i++) {
          grads[i] = new float[engineParams.get(i).size()];
          for (int j = 0; j < grads[i].length; j++) {
            grads[i][j] = (float) (r.nextGaussian() * magnitude);
          }
        }
        if (it > 0) {
          for (OptimWrapper w : List.of(engine, forGraph)) {
            for (ParamGroup g : w.paramGroups()) {
              g.set("lr", g.get("lr") * 0.8);
            }
          }
        }
        Map<String, Double> logVars = engine.updateParams(model, grads);
        GraphOptimizer.StepFeed feed = GraphOptimWrapper.nextFeed(forGraph);
        double norm = graph.iterate(grads, feed);
        assertEquals(logVars.containsKey("grad_norm"), clip != null && feed.update(), "grad_norm logged on clipped steps");
        if (feed.update()) {
          steps++;
          if (clip != null) {
            assertClose(new float[] {(float) engine.lastGradNorm()}, new float[] {(float) norm}, "grad_norm at " + it);
          }
        }
        for (Parameter p : engineParams) {
          assertClose(p.data(), graph.read(p.name()), p.name() + " after iteration " + it);
          ParamState state = engine.stateDict().state().get(p.name());
          if (state != null) {
            assertEquals(state.step(), graph.optimizer.step(), "step count");
            for (Map.Entry<String, float[]> slot : state.buffers().entrySet()) {
              assertClose(slot.getValue(), graph.read(GraphOptimizer.slotName(p.name(), slot.getKey())),
                  p.name() + "." + slot.getKey() + " at " + it);
            }
          }
        }
      }
    }
    // the tail: iters not divisible by accumulative_counts still ends with a step
    assertEquals((iters + accumulativeCounts - 1) / accumulativeCounts, steps);
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double tol = TOL * Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tol, what + "[" + i + "]: " + Arrays.toString(expected) + " vs " + Arrays.toString(actual));
    }
  }

  private static ParamwiseCfg paramwise(Double biasLrMult, Double normDecayMult, Map<String, CustomKeyCfg> customKeys) {
    return new ParamwiseCfg(biasLrMult, null, normDecayMult, null, null, customKeys, false);
  }

  @Test
  void sgdMomentumWithParamwiseClipAndAccumulationWithATail() {
    assertGraphMatchesEngine(paramwise(2.0, 0.0, Map.of()), 0.1, 1e-2, g -> new SGD(g, 0.1, 0.9, 0, 1e-2, false),
        new ClipGrad(1.0, 2), 3, 7);
  }

  @Test
  void sgdNesterovWithWeightDecay() {
    assertGraphMatchesEngine(null, 0.05, 1e-3, g -> new SGD(g, 0.05, 0.9, 0, 1e-3, true), null, 1, 5);
  }

  @Test
  void sgdDampeningWithOneNormClipping() {
    assertGraphMatchesEngine(null, 0.05, null, g -> new SGD(g, 0.05, 0.8, 0.3, 0, false), new ClipGrad(2.0, 1), 2, 5);
  }

  @Test
  void sgdWithoutMomentum() {
    assertGraphMatchesEngine(null, 0.1, 1e-2, g -> new SGD(g, 0.1, 0, 0, 1e-2, false), null, 1, 3);
  }

  @Test
  void adamWithL2WeightDecayAndCustomKeys() {
    assertGraphMatchesEngine(paramwise(null, null, Map.of("bn", new CustomKeyCfg(0.5, 0.0))), 1e-2, 1e-2,
        g -> new Adam(g, 1e-2, new double[] {0.9, 0.99}, 1e-8, 1e-2, false), null, 1, 5);
  }

  @Test
  void adamAmsgradWithInfNormClipping() {
    assertGraphMatchesEngine(null, 1e-2, null, g -> new Adam(g, 1e-2, new double[] {0.9, 0.999}, 1e-8, 0, true),
        new ClipGrad(0.5, Double.POSITIVE_INFINITY), 1, 6);
  }

  @Test
  void adamWDecoupledDecayWithAccumulation() {
    assertGraphMatchesEngine(paramwise(null, 0.0, Map.of()), 1e-2, 0.01,
        g -> new AdamW(g, 1e-2, new double[] {0.9, 0.999}, 1e-8, 0.01, false), null, 2, 5);
  }

  @Test
  void adamWAmsgrad() {
    assertGraphMatchesEngine(null, 1e-2, 0.1, g -> new AdamW(g, 1e-2, new double[] {0.9, 0.999}, 1e-8, 0.1, true), null, 1, 4);
  }

  /**
   * torch.optim.SGD by hand, w = [1, -2], momentum 0.9, lr 0.1 then 0.05 (a scheduler's change),
   * gradients [0.5, 1] then [-1, 0.5]:
   * plain momentum: buf1 = g1 = [0.5, 1], w1 = w - 0.1*buf1 = [0.95, -2.1];
   * buf2 = 0.9*buf1 + g2 = [-0.55, 1.4], w2 = w1 - 0.05*buf2 = [0.9775, -2.17].
   * nesterov: w1 = w - 0.1*(g1 + 0.9*buf1) = w - 0.1*[0.95, 1.9] = [0.905, -2.19];
   * w2 = w1 - 0.05*(g2 + 0.9*buf2) = w1 - 0.05*[-1.495, 1.76] = [0.97975, -2.278].
   * weight_decay 0.1 (momentum, first step): g1 + 0.1*w = [0.6, 0.8], w1 = [0.94, -2.08].
   */
  @Test
  void sgdMomentumAndNesterovStepsWorkedByHand() {
    float[][] plain = handSteps(OptimizerSpec.sgd(0.9, 0, false), 0);
    assertClose(new float[] {0.95f, -2.1f}, plain[0], "momentum step 1");
    assertClose(new float[] {0.9775f, -2.17f}, plain[1], "momentum step 2");
    float[][] nesterov = handSteps(OptimizerSpec.sgd(0.9, 0, true), 0);
    assertClose(new float[] {0.905f, -2.19f}, nesterov[0], "nesterov step 1");
    assertClose(new float[] {0.97975f, -2.278f}, nesterov[1], "nesterov step 2");
    float[][] decayed = handSteps(OptimizerSpec.sgd(0.9, 0, false).withWeightDecay(true), 0.1);
    assertClose(new float[] {0.94f, -2.08f}, decayed[0], "weight decay step 1");
  }

  private static float[][] handSteps(OptimizerSpec spec, double wd) {
    Parameter w = Parameter.of("w", new int[] {2}, new float[] {1, -2});
    try (Harness graph = new Harness(List.of(w), spec, false)) {
      graph.iterate(new float[][] {{0.5f, 1}}, new GraphOptimizer.StepFeed(new double[] {0.1}, new double[] {wd}, true, 1));
      float[] first = graph.read("w");
      graph.iterate(new float[][] {{-1, 0.5f}}, new GraphOptimizer.StepFeed(new double[] {0.05}, new double[] {wd}, true, 1));
      return new float[][] {first, graph.read("w")};
    }
  }

  /** GradScaler's skipped step (mixed precision): an infinite gradient changes nothing, the next step is the first. */
  @Test
  void aStepWithNonFiniteGradientsChangesNothing() {
    OptimizerSpec spec = OptimizerSpec.sgd(0.9, 0.3, false).withWeightDecay(true);
    GraphOptimizer.StepFeed feed = new GraphOptimizer.StepFeed(new double[] {0.1}, new double[] {0.1}, true, 1);
    Parameter w = Parameter.of("w", new int[] {2}, new float[] {1, -2});
    try (Harness skipped = new Harness(List.of(w), spec, true); Harness clean = new Harness(List.of(w), spec, true)) {
      skipped.iterate(new float[][] {{Float.POSITIVE_INFINITY, 1}}, feed);
      assertEquals(0, skipped.optimizer.step());
      assertArrayEquals(new float[] {1, -2}, skipped.read("w"));
      assertArrayEquals(new float[] {0, 0}, skipped.read(GraphOptimizer.slotName("w", "momentum_buffer")));
      for (Harness h : List.of(skipped, clean)) {
        h.iterate(new float[][] {{0.5f, 1}}, feed);
        h.iterate(new float[][] {{-1, 0.5f}}, feed);
      }
      assertArrayEquals(clean.read("w"), skipped.read("w"));
      assertFalse(Arrays.equals(new float[] {1, -2}, clean.read("w")));
      assertTrue(clean.optimizer.step() == 2);
    }
  }
}
