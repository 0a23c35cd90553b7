package io.posekit.tfmodels.codecs;

/** Keypoints {@code [K][2]} in input-image pixels and their scores {@code [K]} for one instance. */
public record DecodedKeypoints(float[][] keypoints, float[] scores) {}
