package io.posekit.tfmodels.models.heads;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The batch's encoded targets as graph inputs (MMPose's {@code batch_data_samples} seen by
 * {@code head.loss}): a head asks for each codec field it needs by name
 * ({@code EncodedTargets.HEATMAPS}, ...) and batch shape, in MMPose's layout with the batch axis
 * first ({@code heatmaps} {@code [B, K, H, W]}, {@code keypoint_weights} {@code [B, K]}). The train
 * step then feeds every field asked for from the collated samples.
 */
public interface TargetInputs {
  Operand<TFloat32> get(String name, Shape shape);
}
