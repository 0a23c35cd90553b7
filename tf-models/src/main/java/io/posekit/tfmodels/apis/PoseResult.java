package io.posekit.tfmodels.apis;

/**
 * One person's prediction, as MMPose's {@code pred_instances}: {@code keypoints [K][2]} in
 * original-image pixels, {@code keypointScores [K]}, and the {@code bbox} (x1, y1, x2, y2) it came from.
 */
public record PoseResult(double[][] keypoints, double[] keypointScores, double[] bbox) {}
