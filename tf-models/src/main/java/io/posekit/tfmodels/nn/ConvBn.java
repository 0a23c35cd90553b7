package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A convolution followed by a BatchNorm2d, as every ResNet and HRNet block and MMPose's heads
 * write them. Where the BN normalises with its running statistics (inference, validation, frozen
 * stages, {@code norm_eval}) it is folded into the convolution: the weight times
 * {@code gamma / sqrt(var + eps)} per output channel, then one BiasAdd of
 * {@code (bias - mean) * gamma / sqrt(var + eps) + beta}. Same function, one memory pass less per
 * convolution, and oneDNN then fuses the BiasAdd with a following residual Add and ReLU (a
 * FusedBatchNorm it fuses only on its own): ResNet-50 inference about 1.2x on an AVX2 CPU
 * (docs/benchmarks.md). Gradients flow through the fold to the weight, gamma and beta. With batch
 * statistics (training) the two stay apart, as PyTorch computes them. Variables keep PyTorch's names.
 */
public final class ConvBn {
  private ConvBn() {}

  /** {@code bn(conv(x))}, the convolution's variables under {@code convCtx}, the BN's under {@code bnCtx}. */
  public static Operand<TFloat32> apply(Convolution conv, GraphContext convCtx, BatchNorm2d bn, GraphContext bnCtx,
      Operand<TFloat32> x) {
    if (bnCtx.batchStatistics()) {
      return bn.apply(bnCtx, conv.apply(convCtx, x));
    }
    var tf = convCtx.tf();
    BatchNorm2d.Affine affine = bn.runningAffine(bnCtx);
    Operand<TFloat32> weight = conv.scaleOutputChannels(tf, conv.weight(convCtx), affine.scale());
    Operand<TFloat32> shift = affine.shift();
    Operand<TFloat32> bias = conv.bias(convCtx);
    if (bias != null) {
      shift = tf.math.add(tf.math.mul(bias, affine.scale()), shift);
    }
    return tf.nn.biasAdd(conv.convolve(convCtx, x, weight), shift);
  }
}
