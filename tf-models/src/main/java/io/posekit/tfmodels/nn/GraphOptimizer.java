package io.posekit.tfmodels.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * An {@link OptimizerSpec} as graph ops, with PyTorch's semantics: {@code torch.optim.SGD} (momentum,
 * dampening, nesterov, L2 weight decay), {@code Adam} (L2 weight decay, amsgrad) and {@code AdamW}
 * (decoupled decay {@code p *= 1 - lr*wd} before the Adam step), preceded by MMEngine's
 * {@code OptimWrapper} work: gradients accumulated over {@code accumulative_counts} iterations
 * (each divided by the loss factor the wrapper chooses) and clipped as
 * {@code torch.nn.utils.clip_grad_norm_}.
 *
 * <p>Each group's {@code lr}, {@code weight_decay} and SGD's {@code momentum} are fed per step as
 * vectors indexed by group (schedulers change them between steps).
 * The step count lives in Java and turns into fed scalars (bias corrections, SGD's first-step
 * momentum buffer). TensorFlow's fused kernels do the update where they match PyTorch exactly:
 * {@code ApplyMomentum} (the buffer starts at zero, so its first step leaves {@code buf = g}, as
 * PyTorch; with dampening the gradient is fed scaled by 1 at the first step and {@code 1-dampening}
 * after), {@code ApplyGradientDescent}, {@code ApplyAdam} with its "epsilon hat" set to
 * {@code eps*sqrt(1-b2^t)}; amsgrad is written out.
 *
 * <p>With {@code checkFinite} (mixed precision), a step whose gradients are not all finite changes
 * nothing: the update gets zero gradients, lr 0 and momentum/betas 1 (an exact no-op), as
 * GradScaler skips {@code optimizer.step()}; the caller then does not {@link #commit} it.
 * Every slot lives in {@code store} under {@code optimizer.<param>.<slot>}: {@code momentum_buffer},
 * {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}, and {@code grad_accum} (the
 * gradients summed so far in an accumulation window, which PyTorch keeps in {@code p.grad}).
 */
public final class GraphOptimizer {
  /**
   * What one iteration feeds: the groups' lr, weight decay and (SGD with momentum) momentum, whether
   * it steps, and the loss factor (1/N of the loss). {@code momentums} null means the spec's momentum
   * in every group.
   */
  public record StepFeed(double[] lrs, double[] weightDecays, double[] momentums, boolean update, double lossFactor) {
    public StepFeed(double[] lrs, double[] weightDecays, boolean update, double lossFactor) {
      this(lrs, weightDecays, null, update, lossFactor);
    }
  }

  private final OptimizerSpec spec;
  private final Placeholder<TFloat32> lrs;
  private final Placeholder<TFloat32> weightDecays;
  private final Placeholder<TFloat32> momentums;
  private final Placeholder<TFloat32> inverseFactor;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final Placeholder<TFloat32> epsilonHat;
  private final Placeholder<TFloat32> gradCoef;
  private final Operand<TBool> finite;
  private final Operand<TFloat32> gradNorm;
  private final List<Op> accumulateOps = new ArrayList<>();
  private final List<Op> stepOps = new ArrayList<>();
  private long step;

  /**
   * @param tf ops that wait for every gradient (so no update overwrites a weight backprop still reads)
   * @param grads the gradients of the (unscaled) loss, one per parameter of {@code params}
   */
  public GraphOptimizer(Ops tf, ParameterStore store, List<Parameter> params, List<Operand<TFloat32>> grads,
      OptimizerSpec spec, boolean checkFinite) {
    this.spec = spec;
    int n = params.size();
    Shape groups = Shape.of(spec.numGroups());
    this.lrs = tf.placeholder(TFloat32.class, Placeholder.shape(groups));
    this.weightDecays = spec.weightDecay() ? tf.placeholder(TFloat32.class, Placeholder.shape(groups)) : null;
    this.momentums = spec.type() == OptimizerSpec.Type.SGD && spec.momentum() != 0
        ? tf.placeholder(TFloat32.class, Placeholder.shape(groups)) : null;
    boolean accumulate = spec.accumulativeCounts() > 1;
    this.inverseFactor = accumulate ? scalar(tf) : null;
    boolean adam = spec.type() != OptimizerSpec.Type.SGD;
    this.beta1Power = adam ? scalar(tf) : null;
    this.beta2Power = adam ? scalar(tf) : null;
    this.epsilonHat = adam && !spec.amsgrad() ? scalar(tf) : null;
    this.gradCoef = spec.type() == OptimizerSpec.Type.SGD && spec.momentum() != 0 && spec.dampening() != 0 ? scalar(tf) : null;

    // the gradient of this window: what earlier iterations accumulated plus this one's share
    List<Operand<TFloat32>> total = new ArrayList<>();
    List<Operand<TFloat32>> accumulators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Operand<TFloat32> g = grads.get(i);
      if (accumulate) {
        Parameter p = params.get(i);
        var acc = store.variable(tf, slotName(p.name(), "grad_accum"), p.shape(), Initializer.constant(0f), false, true);
        var share = tf.math.mul(g, inverseFactor);
        accumulateOps.add(tf.assignAdd(acc, share));
        accumulators.add(acc);
        g = tf.math.add(acc, share);
      }
      total.add(g);
    }
    if (checkFinite) {
      List<Operand<TBool>> each = new ArrayList<>();
      for (Operand<TFloat32> g : total) {
        each.add(tf.reduceAll(tf.math.isFinite(g), tf.constant(allAxes(g.shape().numDimensions()))));
      }
      this.finite = tf.reduceAll(tf.stack(each), tf.constant(0));
    } else {
      this.finite = null;
    }
    if (spec.clipsGradients()) {
      this.gradNorm = totalNorm(tf, total, spec.normType());
      // clip_coef = max_norm / (total_norm + 1e-6), clamped at 1 and applied to every gradient
      var coef = tf.math.minimum(
          tf.math.div(tf.constant((float) spec.maxNorm()), tf.math.add(gradNorm, tf.constant(1e-6f))), tf.constant(1f));
      total.replaceAll(g -> tf.math.mul(g, coef));
    } else {
      this.gradNorm = null;
    }

    Operand<TFloat32> zero = tf.constant(0f);
    Operand<TFloat32> one = tf.constant(1f);
    for (int i = 0; i < n; i++) {
      Parameter p = params.get(i);
      int group = spec.groupOf(p.name());
      Operand<TFloat32> lr = tf.gather(lrs, tf.constant(group), tf.constant(0));
      Operand<TFloat32> wd = weightDecays == null ? null : tf.gather(weightDecays, tf.constant(group), tf.constant(0));
      Operand<TFloat32> d = total.get(i);
      if (wd != null && spec.type() != OptimizerSpec.Type.ADAMW) {
        d = tf.math.add(d, tf.math.mul(wd, p.variable())); // L2: weight_decay * p added to the gradient
      }
      if (finite != null) {
        d = tf.select(finite, d, tf.zerosLike(d));
        lr = tf.select(finite, lr, zero);
      }
      stepOps.add(switch (spec.type()) {
        case SGD -> sgd(tf, store, p, d, lr, group, one);
        case ADAM, ADAMW -> adam(tf, store, p, d, lr, wd, one);
      });
    }
    // zero_grad: the window starts empty once every update has read its sum
    if (accumulate) {
      Ops after = tf.withControlDependencies(List.copyOf(stepOps));
      for (var acc : accumulators) {
        stepOps.add(after.assign(acc, after.zerosLike(acc)));
      }
    }
  }

  private Op sgd(Ops tf, ParameterStore store, Parameter p, Operand<TFloat32> d, Operand<TFloat32> lr, int group,
      Operand<TFloat32> one) {
    if (spec.momentum() == 0) {
      return tf.train.applyGradientDescent(p.variable(), lr, d);
    }
    var buf = store.variable(tf, slotName(p.name(), "momentum_buffer"), p.shape(), Initializer.constant(0f), false, true);
    Operand<TFloat32> momentum = tf.gather(momentums, tf.constant(group), tf.constant(0));
    if (finite != null) {
      momentum = tf.select(finite, momentum, one);
    }
    Operand<TFloat32> g = gradCoef == null ? d : tf.math.mul(d, gradCoef);
    return tf.train.applyMomentum(p.variable(), buf, lr, g, momentum, ApplyMomentum.useNesterov(spec.nesterov()));
  }

  private Op adam(Ops tf, ParameterStore store, Parameter p, Operand<TFloat32> d, Operand<TFloat32> lr,
      Operand<TFloat32> wd, Operand<TFloat32> one) {
    var m = store.variable(tf, slotName(p.name(), "exp_avg"), p.shape(), Initializer.constant(0f), false, true);
    var v = store.variable(tf, slotName(p.name(), "exp_avg_sq"), p.shape(), Initializer.constant(0f), false, true);
    Operand<TFloat32> b1 = tf.constant((float) spec.beta1());
    Operand<TFloat32> b2 = tf.constant((float) spec.beta2());
    if (finite != null) {
      b1 = tf.select(finite, b1, one);
      b2 = tf.select(finite, b2, one);
    }
    Operand<TFloat32> weight = p.variable();
    if (spec.type() == OptimizerSpec.Type.ADAMW && wd != null) {
      weight = tf.math.mul(weight, tf.math.sub(one, tf.math.mul(lr, wd)));
    }
    if (!spec.amsgrad()) {
      Ops ops = tf;
      if (weight != p.variable()) {
        // AdamW: the decoupled decay lands first, then Adam updates the decayed weight
        ops = tf.withControlDependencies(List.of(tf.assign(p.variable(), weight)));
      }
      return ops.train.applyAdam(p.variable(), m, v, beta1Power, beta2Power, lr, b1, b2, epsilonHat, d);
    }
    var vMax = store.variable(tf, slotName(p.name(), "max_exp_avg_sq"), p.shape(), Initializer.constant(0f), false, true);
    var mNew = tf.math.add(tf.math.mul(b1, m), tf.math.mul(tf.math.sub(one, b1), d));
    var vNew = tf.math.add(tf.math.mul(b2, v), tf.math.mul(tf.math.sub(one, b2), tf.math.mul(d, d)));
    var vMaxNew = tf.math.maximum(vMax, vNew);
    // fed as 1-b1^t and 1-b2^t: p -= lr/bc1 * m / (sqrt(max_v)/sqrt(bc2) + eps)
    var denom = tf.math.add(tf.math.div(tf.math.sqrt(vMaxNew), tf.math.sqrt(beta2Power)), tf.constant((float) spec.eps()));
    var pNew = tf.math.sub(weight, tf.math.mul(tf.math.div(lr, beta1Power), tf.math.div(mNew, denom)));
    // lr 0 and betas 1 on a skipped step leave m, v and p as they were; max(v_max, v) = v_max too
    return tf.withControlDependencies(List.of(tf.assign(m, mNew), tf.assign(v, vNew), tf.assign(vMax, vMaxNew)))
        .assign(p.variable(), pNew);
  }

  /** {@code clip_grad_norm_}'s total norm: the p-norm of all gradients together, the largest magnitude for inf. */
  private static Operand<TFloat32> totalNorm(Ops tf, List<Operand<TFloat32>> grads, double normType) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      var axes = tf.constant(allAxes(g.shape().numDimensions()));
      var abs = tf.math.abs(g);
      if (Double.isInfinite(normType)) {
        parts.add(tf.reduceMax(abs, axes));
      } else if (normType == 2) {
        parts.add(tf.reduceSum(tf.math.square(g), axes));
      } else {
        parts.add(tf.reduceSum(tf.math.pow(abs, tf.constant((float) normType)), axes));
      }
    }
    var stacked = tf.stack(parts);
    if (Double.isInfinite(normType)) {
      return tf.reduceMax(stacked, tf.constant(0));
    }
    var sum = tf.reduceSum(stacked, tf.constant(0));
    return normType == 2 ? tf.math.sqrt(sum) : tf.math.pow(sum, tf.constant((float) (1 / normType)));
  }

  private static Placeholder<TFloat32> scalar(Ops tf) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
  }

  private static int[] allAxes(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }

  public OptimizerSpec spec() {
    return spec;
  }

  /** The ops an iteration runs: the whole update when it steps, else only adding its gradients to the window. */
  public List<Op> targets(boolean update) {
    if (!update && spec.accumulativeCounts() == 1) {
      throw new IllegalStateException("without accumulative_counts every iteration steps");
    }
    return update ? stepOps : accumulateOps;
  }

  /** Whether this iteration's window gradients are all finite (mixed precision only), else null. */
  public Operand<TBool> finite() {
    return finite;
  }

  /** The total gradient norm before clipping (with {@code clip_grad}), else null. */
  public Operand<TFloat32> gradNorm() {
    return gradNorm;
  }

  /** Feeds the next iteration's scalars into {@code runner}; after a step that ran, {@link #commit()}. */
  public void feed(Session.Runner runner, StepFeed feed, List<AutoCloseable> toClose) {
    if (feed.lrs().length != spec.numGroups()) {
      throw new IllegalArgumentException("the optimizer has " + spec.numGroups() + " param groups, got " + feed.lrs().length + " lrs");
    }
    runner.feed(lrs, vector(feed.lrs(), toClose));
    if (weightDecays != null) {
      if (feed.weightDecays().length != spec.numGroups()) {
        throw new IllegalArgumentException("the optimizer has " + spec.numGroups() + " param groups, got "
            + feed.weightDecays().length + " weight decays");
      }
      runner.feed(weightDecays, vector(feed.weightDecays(), toClose));
    } else {
      for (double wd : feed.weightDecays()) {
        if (wd != 0) {
          throw new IllegalArgumentException("weight_decay " + wd + " fed to a graph built without weight decay");
        }
      }
    }
    if (momentums != null) {
      double[] m = feed.momentums();
      if (m == null) {
        m = new double[spec.numGroups()];
        java.util.Arrays.fill(m, spec.momentum());
      } else if (m.length != spec.numGroups()) {
        throw new IllegalArgumentException("the optimizer has " + spec.numGroups() + " param groups, got " + m.length + " momentums");
      }
      for (double v : m) {
        if (v == 0) {
          // a zero momentum in ApplyMomentum would still apply dampening; PyTorch keeps no buffer then
          throw new IllegalArgumentException("momentum 0 fed to a graph built with momentum " + spec.momentum());
        }
      }
      runner.feed(momentums, vector(m, toClose));
    }
    if (inverseFactor != null) {
      runner.feed(inverseFactor, scalar(1 / feed.lossFactor(), toClose));
    } else if (feed.lossFactor() != 1) {
      throw new IllegalArgumentException("loss factor " + feed.lossFactor() + " without accumulative_counts");
    }
    long next = step + 1;
    if (beta1Power != null) {
      double b1t = Math.pow(spec.beta1(), next);
      double b2t = Math.pow(spec.beta2(), next);
      if (spec.amsgrad()) {
        // the written-out amsgrad update takes the bias corrections themselves
        runner.feed(beta1Power, scalar(1 - b1t, toClose)).feed(beta2Power, scalar(1 - b2t, toClose));
      } else {
        runner.feed(beta1Power, scalar(b1t, toClose)).feed(beta2Power, scalar(b2t, toClose))
            .feed(epsilonHat, scalar(spec.eps() * Math.sqrt(1 - b2t), toClose));
      }
    }
    if (gradCoef != null) {
      runner.feed(gradCoef, scalar(step == 0 ? 1 : 1 - spec.dampening(), toClose));
    }
  }

  private static TFloat32 scalar(double value, List<AutoCloseable> toClose) {
    TFloat32 t = TFloat32.scalarOf((float) value);
    toClose.add(t);
    return t;
  }

  private static TFloat32 vector(double[] values, List<AutoCloseable> toClose) {
    TFloat32 t = TFloat32.vectorOf(toFloats(values));
    toClose.add(t);
    return t;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** Counts the step fed last as taken. */
  public void commit() {
    step++;
  }

  /** Steps taken so far: PyTorch's {@code state[p]['step']}. */
  public long step() {
    return step;
  }

  /** Resumes at {@code steps} steps taken (from a checkpoint). */
  public void setStep(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("optimizer step count " + steps + " < 0");
    }
    this.step = steps;
  }

  /** The name of slot {@code slot} of parameter {@code param} in the optimizer's store. */
  public static String slotName(String param, String slot) {
    return "optimizer." + param + "." + slot;
  }
}
