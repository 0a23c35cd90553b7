package io.posekit.tfmodels.models.losses;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A training loss (MMPose's losses live in MODELS). Heatmap losses take NHWC [B, H, W, K]; a
 * head hands its loss the tensors MMPose's head hands it (SimCC heads both axes' vectors).
 */
public interface Loss {
  /**
   * The loss of {@code output} against {@code target}, weighted per keypoint by
   * {@code targetWeights} [B, K], already multiplied by {@link #lossWeight()}.
   */
  Operand<TFloat32> compute(Ops tf, Operand<TFloat32> output, Operand<TFloat32> target, Operand<TFloat32> targetWeights);

  /**
   * MMPose's {@code loss_module(preds, gts, weights)} for a head with several outputs (SimCC's x
   * and y); a loss that takes one output accepts exactly one pair.
   */
  default Operand<TFloat32> compute(Ops tf, List<Operand<TFloat32>> outputs, List<Operand<TFloat32>> targets,
      Operand<TFloat32> targetWeights) {
    if (outputs.size() != 1 || targets.size() != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " takes one output and one target, got "
          + outputs.size() + " and " + targets.size());
    }
    return compute(tf, outputs.get(0), targets.get(0), targetWeights);
  }

  double lossWeight();
}
