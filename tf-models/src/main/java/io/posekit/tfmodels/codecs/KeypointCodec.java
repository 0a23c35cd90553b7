package io.posekit.tfmodels.codecs;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;

/** Encodes keypoints into training targets and decodes predictions (MMPose's BaseKeypointCodec). */
@DeclareRegistry(Registries.KEYPOINT_CODECS)
public interface KeypointCodec {
  /**
   * Encodes one instance.
   *
   * @param keypoints {@code [K][2]} (x, y) in input-image pixels
   * @param keypointsVisible {@code [K]} visibilities, or {@code null} for all visible
   */
  EncodedHeatmaps encode(float[][] keypoints, float[] keypointsVisible);

  /** Decodes the heatmaps of one instance into keypoints in input-image pixels and scores. */
  DecodedKeypoints decode(Heatmaps heatmaps);

  /** Width and height of the heatmaps this codec works on, MMPose's {@code heatmap_size} (w, h). */
  int[] heatmapSize();

  /** Width and height of the model input, MMPose's {@code input_size} (w, h). */
  int[] inputSize();
}
