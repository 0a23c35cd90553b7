package io.posekit.tfmodels.models.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A heatmap training loss (MMPose's losses live in MODELS). Tensors are NHWC: [B, H, W, K]. */
public interface Loss {
  /**
   * The loss of {@code output} against {@code target}, weighted per keypoint by
   * {@code targetWeights} [B, K], already multiplied by {@link #lossWeight()}.
   */
  Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights);

  double lossWeight();
}
