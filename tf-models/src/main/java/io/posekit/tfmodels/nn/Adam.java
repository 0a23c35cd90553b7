package io.posekit.tfmodels.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code torch.optim.Adam} on TensorFlow's {@code ApplyAdam}. The step count lives in
 * Java: each step feeds lr, β₁ᵗ, β₂ᵗ and ε·sqrt(1-β₂ᵗ), which turns TensorFlow's "epsilon hat"
 * into PyTorch's ε added to the bias-corrected sqrt(v̂). Its moments live in {@code store}, which
 * should be the optimizer's own, not the model's, so model and optimizer state stay apart.
 */
public final class Adam {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final Placeholder<TFloat32> lr;
  private final Placeholder<TFloat32> beta1Power;
  private final Placeholder<TFloat32> beta2Power;
  private final Placeholder<TFloat32> epsilonHat;
  private final List<Op> updates = new ArrayList<>();
  private long step;

  public Adam(Ops tf, ParameterStore store, List<Parameter> params, List<Operand<TFloat32>> grads,
      double beta1, double beta2, double eps) {
    this(tf, store, params, grads, beta1, beta2, eps, null);
  }

  /**
   * With {@code apply} (a boolean scalar computed in the graph), a step where it is false leaves
   * the weights and moments exactly as they were: learning rate 0 and betas 1 (the caller feeds
   * zero gradients then), so no {@code 0 * NaN} reaches a variable. The caller then does not
   * {@link #commit()} the step.
   */
  public Adam(Ops tf, ParameterStore store, List<Parameter> params, List<Operand<TFloat32>> grads,
      double beta1, double beta2, double eps, Operand<TBool> apply) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    Shape scalar = Shape.scalar();
    this.lr = tf.placeholder(TFloat32.class, Placeholder.shape(scalar));
    this.beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(scalar));
    this.beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(scalar));
    this.epsilonHat = tf.placeholder(TFloat32.class, Placeholder.shape(scalar));
    Operand<TFloat32> stepLr = lr;
    Operand<TFloat32> b1 = tf.constant((float) beta1);
    Operand<TFloat32> b2 = tf.constant((float) beta2);
    if (apply != null) {
      stepLr = tf.select(apply, lr, tf.constant(0f));
      b1 = tf.select(apply, b1, tf.constant(1f));
      b2 = tf.select(apply, b2, tf.constant(1f));
    }
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      var m = store.variable(tf, expAvgName(p.name()), p.shape(), Initializer.constant(0f), false, true);
      var v = store.variable(tf, expAvgSqName(p.name()), p.shape(), Initializer.constant(0f), false, true);
      updates.add(tf.train.applyAdam(p.variable(), m, v, beta1Power, beta2Power, stepLr, b1, b2, epsilonHat, grads.get(i)));
    }
  }

  public List<Op> updates() {
    return updates;
  }

  /** Feeds the per-step scalars for the next step into {@code runner}; {@link #commit()} once it ran. */
  public void feed(org.tensorflow.Session.Runner runner, double learningRate, List<AutoCloseable> toClose) {
    long next = step + 1;
    double b1t = Math.pow(beta1, next);
    double b2t = Math.pow(beta2, next);
    var tLr = TFloat32.scalarOf((float) learningRate);
    var tB1 = TFloat32.scalarOf((float) b1t);
    var tB2 = TFloat32.scalarOf((float) b2t);
    var tEps = TFloat32.scalarOf((float) (eps * Math.sqrt(1 - b2t)));
    toClose.add(tLr);
    toClose.add(tB1);
    toClose.add(tB2);
    toClose.add(tEps);
    runner.feed(lr, tLr).feed(beta1Power, tB1).feed(beta2Power, tB2).feed(epsilonHat, tEps);
  }

  /** Counts the step fed last as taken. */
  public void commit() {
    step++;
  }

  /** Steps taken so far: PyTorch's {@code state[p]['step']}; the next step is {@code step() + 1}. */
  public long step() {
    return step;
  }

  /** Resumes the bias correction at {@code steps} steps taken (from a checkpoint). */
  public void setStep(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("Adam step count " + steps + " < 0");
    }
    this.step = steps;
  }

  /** The name of the first-moment slot of parameter {@code param} in the optimizer's store. */
  public static String expAvgName(String param) {
    return "optimizer." + param + ".exp_avg";
  }

  /** The name of the second-moment slot of parameter {@code param} in the optimizer's store. */
  public static String expAvgSqName(String param) {
    return "optimizer." + param + ".exp_avg_sq";
  }
}
