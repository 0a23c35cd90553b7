package io.posekit.tfmodels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** GradScaler's skipped step (mixed precision): an infinite gradient changes nothing, the next step is the first. */
class GraphOptimizerSkipTest {
  /** w = [1, -2] in a graph whose loss is sum(g * w) with g fed, trained by SGD (momentum 0.9, dampening 0.3, L2 0.1). */
  private static final class Harness implements AutoCloseable {
    final Graph graph = new Graph();
    final ParameterStore store = new ParameterStore(0);
    final ParameterStore slots = new ParameterStore(0);
    final Placeholder<TFloat32> g;
    final TrainStep step;
    final Session session;

    Harness() {
      Ops tf = Ops.create(graph);
      var w = store.variable(tf, "w", Shape.of(2), Initializer.values(1, -2), true, false, "Linear");
      g = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(g, w), tf.constant(0));
      OptimizerSpec spec = OptimizerSpec.sgd(0.9, 0.3, false).withWeightDecay(true);
      step = new TrainStep(tf, store, slots, loss, true, trainable -> spec);
      session = new Session(graph);
      session.initialize();
    }

    boolean iterate(float... gradient) {
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(2), DataBuffers.of(gradient))) {
        var feed = new GraphOptimizer.StepFeed(new double[] {0.1}, new double[] {0.1}, true, 1);
        return step.run(session.runner().feed(g, t), feed, 1.0).applied();
      }
    }

    Map<String, float[]> state() {
      Map<String, float[]> out = new java.util.LinkedHashMap<>(VariableIO.read(session, store));
      out.putAll(VariableIO.read(session, slots));
      return out;
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void aStepWithNonFiniteGradientsChangesNothing() {
    try (Harness skipped = new Harness(); Harness clean = new Harness()) {
      assertFalse(skipped.iterate(Float.POSITIVE_INFINITY, 1));
      assertEquals(0, skipped.step.optimizer().step());
      assertArrayEquals(new float[] {1, -2}, skipped.state().get("w"));
      assertArrayEquals(new float[] {0, 0}, skipped.state().get(GraphOptimizer.slotName("w", "momentum_buffer")));
      List<float[]> after = new ArrayList<>();
      for (Harness h : List.of(skipped, clean)) {
        h.iterate(0.5f, 1);
        h.iterate(-1, 0.5f);
        after.add(h.state().get("w"));
      }
      assertArrayEquals(after.get(1), after.get(0));
      assertFalse(Arrays.equals(new float[] {1, -2}, after.get(1)));
      assertEquals(2, clean.step.optimizer().step());
    }
  }
}
