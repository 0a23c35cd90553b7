package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/** Builds the initial value of a variable as graph ops, so large models need no Java-side arrays. */
@FunctionalInterface
public interface Initializer {
  Operand<TFloat32> create(Ops tf, Shape shape, long seed);

  /** Fixed values in row-major order of the variable's (TensorFlow-layout) shape. */
  static Initializer values(float... values) {
    float[] copy = values.clone();
    return (tf, shape, seed) -> {
      if (shape.size() != copy.length) {
        throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " values, got " + copy.length);
      }
      return tf.constant(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(copy));
    };
  }

  static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape.asArray()), tf.constant(value));
  }

  static Initializer normal(double std) {
    return (tf, shape, seed) -> tf.math.mul(
        tf.random.randomStandardNormal(
            tf.constant(shape.asArray()), TFloat32.class, RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed * 31 + 7)),
        tf.constant((float) std));
  }

  /** Uniform on {@code [-bound, bound]}: PyTorch's default {@code nn.Linear}/{@code nn.Conv2d} init with bound 1/sqrt(fan_in). */
  static Initializer uniform(double bound) {
    return (tf, shape, seed) -> tf.math.mul(
        tf.math.sub(tf.math.mul(tf.random.randomUniform(tf.constant(shape.asArray()), TFloat32.class,
            org.tensorflow.op.random.RandomUniform.seed(seed), org.tensorflow.op.random.RandomUniform.seed2(seed * 31 + 7)),
            tf.constant(2f)), tf.constant(1f)),
        tf.constant((float) bound));
  }

  /** PyTorch's {@code xavier_uniform_}: bound sqrt(6 / (fan_in + fan_out)). */
  static Initializer xavierUniform(long fanIn, long fanOut) {
    return uniform(Math.sqrt(6.0 / (fanIn + fanOut)));
  }

  /**
   * MMCV's {@code kaiming_init(mode='fan_out', nonlinearity='relu')}: std = sqrt(2 / fan_out),
   * fan_out = out_channels * kh * kw; {@code fanOut} is passed by the layer that knows its layout.
   */
  static Initializer kaimingNormalFanOut(long fanOut) {
    return normal(Math.sqrt(2.0 / fanOut));
  }

  /** {@code kaiming_init(mode='fan_out', nonlinearity='leaky_relu', a=a)}: std = sqrt(2 / (1 + a^2) / fan_out). */
  static Initializer kaimingNormalFanOut(long fanOut, double a) {
    return normal(Math.sqrt(2.0 / (1 + a * a) / fanOut));
  }
}
