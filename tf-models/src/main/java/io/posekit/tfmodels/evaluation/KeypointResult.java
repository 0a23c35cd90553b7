package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Nullable;

/**
 * One entry of a COCO keypoint results file: flat {@code [x, y, score, ...]} keypoints, the
 * instance score and, when the model had one, the box as {@code [x, y, w, h]}.
 */
public record KeypointResult(
    long imageId, int categoryId, double[] keypoints, double score, double @Nullable [] bbox) {}
