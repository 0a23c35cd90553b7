package io.posekit.tfmodels.apis;

import io.posekit.tfmodels.codecs.Heatmaps;

/**
 * One person's prediction, as MMPose's {@code pred_instances} and {@code pred_fields}:
 * {@code keypoints [K][2]} in original-image pixels, {@code keypointScores [K]}, the {@code bbox}
 * (x1, y1, x2, y2) it came from, and the model's {@code heatmaps} (K, H, W) for the box's crop
 * (flip-averaged when the model flip-tests), the ones the keypoints were decoded from; null for a head whose codec does not decode heatmaps (SimCC, regression).
 */
public record PoseResult(double[][] keypoints, double[] keypointScores, double[] bbox, Heatmaps heatmaps) {}
