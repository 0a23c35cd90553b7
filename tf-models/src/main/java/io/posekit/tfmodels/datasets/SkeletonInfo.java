package io.posekit.tfmodels.datasets;

/** One entry of a data set's {@code skeleton_info}: a link between two named keypoints and its colour. */
public record SkeletonInfo(String from, String to, int[] color) {}
