package io.posekit.tfmodels.codecs;

import io.posekit.annotations.Nullable;

/**
 * Keypoints {@code [K][2]} in input-image pixels and their scores {@code [K]} for one instance;
 * {@code visibility} {@code [K]} when the codec decodes it ({@code SimCCLabel(decode_visibility=True)}), else null.
 */
public record DecodedKeypoints(float[][] keypoints, float[] scores, float @Nullable [] visibility) {
  public DecodedKeypoints(float[][] keypoints, float[] scores) {
    this(keypoints, scores, null);
  }
}
