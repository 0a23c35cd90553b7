package io.posekit.tfmodels.codecs;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;
import java.util.List;

/**
 * Encodes keypoints into training targets and decodes a head's outputs (MMPose's
 * BaseKeypointCodec): {@code encode} gives MMPose's named fields, {@code decode} takes the head's
 * outputs of one sample in MMPose's layout ({@code (K, H, W)} heatmaps; SimCC's x and y vectors).
 */
@DeclareRegistry(Registries.KEYPOINT_CODECS)
public interface KeypointCodec {
  /**
   * Encodes one instance.
   *
   * @param keypoints {@code [K][2]} (x, y) in input-image pixels
   * @param keypointsVisible {@code [K]} visibilities, or {@code null} for all visible
   */
  EncodedTargets encode(float[][] keypoints, float[] keypointsVisible);

  /**
   * Decodes one sample's head outputs (MMPose's layout, no batch axis) into keypoints in
   * input-image pixels and scores. Leaves {@code outputs} as they are.
   */
  DecodedKeypoints decode(List<NdFloats> outputs);

  /** Width and height of the model input, MMPose's {@code input_size} (w, h). */
  int[] inputSize();
}
