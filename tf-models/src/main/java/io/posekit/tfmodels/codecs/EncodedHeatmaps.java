package io.posekit.tfmodels.codecs;

/** What a heatmap codec's {@code encode} returns: MMPose's {@code heatmaps} and {@code keypoint_weights}. */
public record EncodedHeatmaps(Heatmaps heatmaps, float[] keypointWeights) {}
