package io.posekit.tfmodels.models.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keypoint weights {@code [B, K]} shaped to broadcast against a loss input, as MMPose's losses
 * unsqueeze them: {@code [B, K]} scores stay, coordinates {@code [B, K, D]} take {@code [B, K, 1]},
 * heatmaps (NHWC here, NCHW in MMPose) take {@code [B, 1, 1, K]}.
 */
final class TargetWeights {
  private TargetWeights() {}

  static Operand<TFloat32> like(Ops tf, Operand<TFloat32> weights, Operand<TFloat32> output) {
    long b = output.shape().size(0);
    return switch (output.shape().numDimensions()) {
      case 2 -> weights;
      case 3 -> tf.reshape(weights, tf.constant(new long[] {b, output.shape().size(1), 1}));
      case 4 -> tf.reshape(weights, tf.constant(new long[] {b, 1, 1, output.shape().size(3)}));
      default -> throw new IllegalArgumentException(
          "keypoint weights fit [B, K], [B, K, D] or NHWC [B, H, W, K] outputs, not " + output.shape());
    };
  }

  /** {@code mean} or {@code sum} of every element, MMPose's {@code reduction} for a scalar loss. */
  static Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> values, String reduction) {
    int rank = values.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return "sum".equals(reduction)
        ? tf.reduceSum(values, tf.constant(axes))
        : tf.math.mean(values, tf.constant(axes));
  }

  /** MMPose's {@code reduction} check; {@code 'none'} returns per-element losses, no training step takes those. */
  static String checkReduction(String lossName, String reduction) {
    if (!"mean".equals(reduction) && !"sum".equals(reduction)) {
      throw new IllegalArgumentException(lossName + ".reduction must be 'mean' or 'sum' to give a scalar loss, got '"
          + reduction + "'");
    }
    return reduction;
  }

  static Operand<TFloat32> scaled(Ops tf, Operand<TFloat32> loss, double lossWeight) {
    return tf.math.mul(loss, tf.constant((float) lossWeight));
  }
}
