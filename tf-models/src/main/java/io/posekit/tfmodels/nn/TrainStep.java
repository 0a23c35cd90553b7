package io.posekit.tfmodels.nn;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.distributed.Collectives;
import io.posekit.tfmodels.distributed.GradientBuckets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * MMEngine's {@code train_step} after the forward pass, as graph ops: the gradients of a model's
 * loss ({@code Graph.addGradients}; with mixed precision from {@code loss * scale}, then unscaled,
 * as PyTorch's GradScaler), the {@link GraphOptimizer} of an {@link OptimizerSpec}, and the
 * state updates of the forward pass (BN running statistics). Any model whose loss is a graph
 * operand trains through it; its caller feeds the inputs.
 */
public final class TrainStep {
  /**
   * The loss of an iteration (unscaled, before the update), whether the update was applied (false
   * when gradients were not all finite, and on iterations that only accumulate), and the total
   * gradient norm before clipping (NaN without {@code clip_grad} or when not stepping).
   */
  public record Result(float loss, boolean applied, double gradNorm) {}

  private final Operand<TFloat32> loss;
  private final Placeholder<TFloat32> lossScale;
  private final GraphOptimizer optimizer;
  private final List<Op> stateUpdates;

  /**
   * @param store the model's variables; its trainable ones are optimized, its update ops run every step
   * @param optimizerStore where the optimizer's slots go
   * @param spec the optimizer, chosen once the trainable parameters are known
   */
  public TrainStep(Ops tf, ParameterStore store, ParameterStore optimizerStore, Operand<TFloat32> loss, boolean mixed,
      Function<List<Parameter>, OptimizerSpec> spec) {
    this(tf, store, optimizerStore, loss, mixed, spec, null);
  }

  /**
   * As above, data parallel when {@code collectives} is given: each iteration's gradients are
   * averaged over the ranks (DDP's buckets, {@link GradientBuckets}) before the optimizer sees them,
   * so every rank applies the same update. Accumulating iterations average too (DDP's
   * {@code no_sync} would defer it to the stepping one; the window's mean is the same).
   */
  public TrainStep(Ops tf, ParameterStore store, ParameterStore optimizerStore, Operand<TFloat32> loss, boolean mixed,
      Function<List<Parameter>, OptimizerSpec> spec, @Nullable Collectives collectives) {
    this.loss = loss;
    this.stateUpdates = List.copyOf(store.updateOps());
    List<Parameter> trainable = store.trainable();
    List<Operand<TFloat32>> grads = new ArrayList<>();
    List<Op> gradOps = new ArrayList<>();
    var variables = trainable.stream().map(Parameter::variable).toList();
    if (!mixed) {
      this.lossScale = null;
      var gradients = tf.gradients(loss, variables);
      for (int i = 0; i < trainable.size(); i++) {
        var g = tf.identity(gradients.<TFloat32>dy(i));
        grads.add(g);
        gradOps.add(g);
      }
    } else {
      // PyTorch's GradScaler: backward from loss * scale, unscale; the optimizer skips a step
      // whose gradients are not all finite
      this.lossScale = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      var gradients = tf.gradients(tf.math.mul(loss, lossScale), variables);
      var inverse = tf.math.div(tf.constant(1f), lossScale);
      for (int i = 0; i < trainable.size(); i++) {
        var g = tf.math.mul(gradients.<TFloat32>dy(i), inverse);
        grads.add(g);
        gradOps.add(g);
      }
    }
    if (collectives != null) {
      grads = new ArrayList<>(GradientBuckets.allReduceMean(tf, grads, collectives, GradientBuckets.DEFAULT_BUCKET_BYTES));
      gradOps = new ArrayList<Op>(grads);
    }
    // every update waits for all gradients, so no update overwrites a weight backprop still reads
    this.optimizer = new GraphOptimizer(tf.withControlDependencies(gradOps), optimizerStore, trainable, grads,
        spec.apply(trainable), mixed);
  }

  public GraphOptimizer optimizer() {
    return optimizer;
  }

  /**
   * One training iteration on {@code runner}, whose inputs the caller has fed, with the loss
   * multiplied by {@code lossScale} before backward (mixed precision; float32 graphs need 1): the
   * gradients go into the accumulation window, and with {@code feed.update()} the optimizer steps
   * on the window. When an unscaled gradient of the window is infinite or NaN the weights and the
   * optimizer's state are left as they were and the step does not count, as GradScaler skips
   * {@code optimizer.step()}; the state updates (BN statistics) run either way, as in PyTorch.
   */
  public Result run(Session.Runner runner, GraphOptimizer.StepFeed feed, double lossScale) {
    if (this.lossScale == null && lossScale != 1.0) {
      throw new IllegalArgumentException("loss scaling needs a mixed-precision graph; this one is float32");
    }
    if (!(lossScale > 0) || Double.isInfinite(lossScale)) {
      throw new IllegalArgumentException("loss scale must be positive and finite, got " + lossScale);
    }
    List<AutoCloseable> feeds = new ArrayList<>();
    try {
      runner.fetch(loss);
      if (this.lossScale != null) {
        TFloat32 scale = TFloat32.scalarOf((float) lossScale);
        feeds.add(scale);
        runner.feed(this.lossScale, scale);
      }
      boolean checkFinite = feed.update() && optimizer.finite() != null;
      boolean fetchNorm = feed.update() && optimizer.gradNorm() != null;
      if (checkFinite) {
        runner.fetch(optimizer.finite());
      }
      if (fetchNorm) {
        runner.fetch(optimizer.gradNorm());
      }
      stateUpdates.forEach(runner::addTarget);
      optimizer.targets(feed.update()).forEach(runner::addTarget);
      optimizer.feed(runner, feed, feeds);
      try (var result = runner.run()) {
        boolean applied = feed.update() && (!checkFinite || ((TBool) result.get(1)).getBoolean());
        if (applied) {
          optimizer.commit();
        }
        double norm = fetchNorm ? ((TFloat32) result.get(checkFinite ? 2 : 1)).getFloat() : Double.NaN;
        return new Result(((TFloat32) result.get(0)).getFloat(), applied, norm);
      }
    } finally {
      for (AutoCloseable c : feeds) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("could not release a tensor", e);
        }
      }
    }
  }
}
