package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code CombinedTargetMSELoss} for UDP's combined targets: per keypoint three channels
 * (heatmap, x offset, y offset), NHWC {@code [B, H, W, 3K]}. Half the MSE of the heatmaps (weighted
 * by the keypoint weights {@code [B, K]} when asked) plus half the MSE of each offset map masked by
 * the (weighted) target heatmap, averaged over keypoints.
 */
@RegisterModule(registry = Registries.MODELS)
public final class CombinedTargetMSELoss implements Loss {
  private final boolean useTargetWeight;
  private final double lossWeight;

  public CombinedTargetMSELoss(
      @Param(defaultValue = "False") boolean useTargetWeight,
      @Param(defaultValue = "1.0") double lossWeight) {
    this.useTargetWeight = useTargetWeight;
    this.lossWeight = lossWeight;
  }

  @Override
  public Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights) {
    var s = output.shape();
    long channels = s.size(3);
    if (channels % 3 != 0) {
      throw new IllegalArgumentException("CombinedTargetMSELoss needs 3 channels per keypoint, got " + channels);
    }
    long k = channels / 3;
    long[] split = {s.size(0), s.size(1), s.size(2), k, 3};
    var out = tf.reshape(output, tf.constant(split));
    var tgt = tf.reshape(target, tf.constant(split));
    Operand<TFloat32> heatmapPred = part(tf, out, 0);
    Operand<TFloat32> heatmapGt = part(tf, tgt, 0);
    if (useTargetWeight) {
      var w = tf.reshape(targetWeights, tf.constant(new long[] {s.size(0), 1, 1, k}));
      heatmapPred = tf.math.mul(heatmapPred, w);
      heatmapGt = tf.math.mul(heatmapGt, w);
    }
    // every keypoint has B*H*W elements, so the mean over keypoints of per-keypoint means is one mean
    var loss = mse(tf, heatmapPred, heatmapGt);
    for (int axis = 1; axis <= 2; axis++) {
      loss = tf.math.add(loss, mse(tf, tf.math.mul(heatmapGt, part(tf, out, axis)), tf.math.mul(heatmapGt, part(tf, tgt, axis))));
    }
    return TargetWeights.scaled(tf, tf.math.mul(loss, tf.constant(0.5f)), lossWeight);
  }

  private static Operand<TFloat32> part(Ops tf, Operand<TFloat32> x, int index) {
    var s = x.shape();
    // int32 begin and size: Slice's gradient subtracts them from the int32 input shape
    return tf.squeeze(tf.slice(x, tf.constant(new int[] {0, 0, 0, 0, index}),
        tf.constant(new int[] {(int) s.size(0), (int) s.size(1), (int) s.size(2), (int) s.size(3), 1})),
        org.tensorflow.op.core.Squeeze.axis(java.util.List.of(4L)));
  }

  private static Operand<TFloat32> mse(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return TargetWeights.reduce(tf, tf.math.squaredDifference(a, b), "mean");
  }

  @Override
  public double lossWeight() {
    return lossWeight;
  }
}
