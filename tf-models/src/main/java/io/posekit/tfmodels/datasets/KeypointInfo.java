package io.posekit.tfmodels.datasets;

/**
 * One entry of a data set's {@code keypoint_info}: its name, id, drawing colour (RGB), body half
 * ({@code upper}, {@code lower} or empty) and the keypoint it swaps with under a horizontal flip.
 */
public record KeypointInfo(String name, int id, int[] color, String type, String swap) {}
