package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.BatchNorm2d} (eps 1e-5, momentum 0.1 unless given). In training mode it
 * normalises with the biased batch variance and moves {@code running_var} towards the unbiased one,
 * as PyTorch does; in eval mode it uses the running statistics. {@code requiresGrad} false (MMCV's
 * {@code norm_cfg requires_grad=False}) keeps the affine parameters fixed while the statistics
 * still follow the batch.
 */
public final class BatchNorm2d implements Layer {
  public static final float EPS = 1e-5f;
  public static final float MOMENTUM = 0.1f;

  private final int channels;
  private final Initializer weightInit;
  private final float eps;
  private final float momentum;
  private final boolean requiresGrad;

  public BatchNorm2d(int channels) {
    this(channels, Initializer.constant(1f));
  }

  /** {@code weightInit} lets ResNet's {@code zero_init_residual} start the last BN at zero. */
  public BatchNorm2d(int channels, Initializer weightInit) {
    this(channels, weightInit, EPS, MOMENTUM, true);
  }

  public BatchNorm2d(int channels, Initializer weightInit, float eps, float momentum, boolean requiresGrad) {
    this.channels = channels;
    this.weightInit = weightInit;
    this.eps = eps;
    this.momentum = momentum;
    this.requiresGrad = requiresGrad;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    Variables v = variables(ctx);
    var weight = v.weight();
    var bias = v.bias();
    var runningMean = v.runningMean();
    var runningVar = v.runningVar();
    if (!ctx.batchStatistics()) {
      return tf.nn.fusedBatchNorm(x, weight, bias, runningMean, runningVar,
          FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(eps), FusedBatchNorm.dataFormat("NHWC")).y();
    }
    var empty = tf.constant(new float[0]);
    var bn = tf.nn.fusedBatchNorm(x, weight, bias, empty, empty,
        FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(eps), FusedBatchNorm.dataFormat("NHWC"));
    // running stats follow PyTorch: r = (1 - m) r + m * batch, with the unbiased batch variance,
    // which is the fused op's batch_variance output (TensorFlow applies Bessel's n / (n - 1) there
    // too), so no second pass over the activations is needed for it
    long n = x.shape().size(0) * x.shape().size(1) * x.shape().size(2);
    var mean = tf.stopGradient(bn.batchMean());
    // one value per channel has no spread (and n / (n - 1) would divide by zero)
    Operand<TFloat32> unbiased = n > 1 ? tf.stopGradient(bn.batchVariance()) : tf.zerosLike(mean);
    var keep = tf.constant(1f - momentum);
    var m = tf.constant(momentum);
    ctx.params().addUpdate(tf.assign(runningMean, tf.math.add(tf.math.mul(runningMean, keep), tf.math.mul(mean, m))));
    ctx.params().addUpdate(tf.assign(runningVar, tf.math.add(tf.math.mul(runningVar, keep), tf.math.mul(unbiased, m))));
    return bn.y();
  }

  /**
   * The eval-mode normalisation as one per-channel affine map, {@code y = x * scale + shift} with
   * {@code scale = weight / sqrt(running_var + eps)} and {@code shift = bias - running_mean * scale}:
   * what {@link ConvBn} folds into a convolution. Creates this module's four variables, as
   * {@link #apply} does.
   */
  public Affine runningAffine(GraphContext ctx) {
    var tf = ctx.tf();
    Variables v = variables(ctx);
    var scale = tf.math.mul(v.weight(), tf.math.rsqrt(tf.math.add(v.runningVar(), tf.constant(eps))));
    return new Affine(scale, tf.math.sub(v.bias(), tf.math.mul(v.runningMean(), scale)));
  }

  /** PyTorch's parameters and buffers of this module, created on first use. */
  private Variables variables(GraphContext ctx) {
    var tf = ctx.tf();
    var store = ctx.params();
    Shape shape = Shape.of(channels);
    boolean trainable = !ctx.frozen() && requiresGrad;
    return new Variables(
        store.variable(tf, ctx.name("weight"), shape, weightInit, trainable, false, "BatchNorm2d"),
        store.variable(tf, ctx.name("bias"), shape, Initializer.constant(0f), trainable, false, "BatchNorm2d"),
        store.variable(tf, ctx.name("running_mean"), shape, Initializer.constant(0f), false, true, "BatchNorm2d"),
        store.variable(tf, ctx.name("running_var"), shape, Initializer.constant(1f), false, true, "BatchNorm2d"));
  }

  private record Variables(Variable<TFloat32> weight, Variable<TFloat32> bias, Variable<TFloat32> runningMean,
      Variable<TFloat32> runningVar) {}

  /** A per-channel {@code x * scale + shift}. */
  public record Affine(Operand<TFloat32> scale, Operand<TFloat32> shift) {}

  @Override
  public long parameterCount() {
    return 2L * channels;
  }
}
