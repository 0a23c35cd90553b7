package io.posekit.tfmodels.datasets;

import java.util.List;

/** The facts of AI Challenger's keypoints (MMPose's {@code configs/_base_/datasets/aic.py}). */
final class AicMetaInfo {
  private static final int[] BLUE = {51, 153, 255};
  private static final int[] GREEN = {0, 255, 0};
  private static final int[] ORANGE = {255, 128, 0};

  static final List<KeypointInfo> KEYPOINTS =
      List.of(
          new KeypointInfo("right_shoulder", 0, ORANGE, "upper", "left_shoulder"),
          new KeypointInfo("right_elbow", 1, ORANGE, "upper", "left_elbow"),
          new KeypointInfo("right_wrist", 2, ORANGE, "upper", "left_wrist"),
          new KeypointInfo("left_shoulder", 3, GREEN, "upper", "right_shoulder"),
          new KeypointInfo("left_elbow", 4, GREEN, "upper", "right_elbow"),
          new KeypointInfo("left_wrist", 5, GREEN, "upper", "right_wrist"),
          new KeypointInfo("right_hip", 6, ORANGE, "lower", "left_hip"),
          new KeypointInfo("right_knee", 7, ORANGE, "lower", "left_knee"),
          new KeypointInfo("right_ankle", 8, ORANGE, "lower", "left_ankle"),
          new KeypointInfo("left_hip", 9, GREEN, "lower", "right_hip"),
          new KeypointInfo("left_knee", 10, GREEN, "lower", "right_knee"),
          new KeypointInfo("left_ankle", 11, GREEN, "lower", "right_ankle"),
          new KeypointInfo("head_top", 12, BLUE, "upper", ""),
          new KeypointInfo("neck", 13, BLUE, "upper", ""));

  static final List<SkeletonInfo> SKELETON =
      List.of(
          new SkeletonInfo("right_wrist", "right_elbow", ORANGE),
          new SkeletonInfo("right_elbow", "right_shoulder", ORANGE),
          new SkeletonInfo("right_shoulder", "neck", BLUE),
          new SkeletonInfo("neck", "left_shoulder", BLUE),
          new SkeletonInfo("left_shoulder", "left_elbow", GREEN),
          new SkeletonInfo("left_elbow", "left_wrist", GREEN),
          new SkeletonInfo("right_ankle", "right_knee", ORANGE),
          new SkeletonInfo("right_knee", "right_hip", ORANGE),
          new SkeletonInfo("right_hip", "left_hip", BLUE),
          new SkeletonInfo("left_hip", "left_knee", GREEN),
          new SkeletonInfo("left_knee", "left_ankle", GREEN),
          new SkeletonInfo("head_top", "neck", BLUE),
          new SkeletonInfo("right_shoulder", "right_hip", BLUE),
          new SkeletonInfo("left_shoulder", "left_hip", BLUE));

  static final double[] JOINT_WEIGHTS = {1., 1.2, 1.5, 1., 1.2, 1.5, 1., 1.2, 1.5, 1., 1.2, 1.5, 1., 1.};

  /** AI Challenger's deltas halved (its evaluation uses delta = 2 sigma). */
  static final double[] SIGMAS = {
    0.01388152, 0.01515228, 0.01057665, 0.01417709, 0.01497891, 0.01402144, 0.03909642, 0.03686941, 0.01981803,
    0.03843971, 0.03412318, 0.02415081, 0.01291456, 0.01236173
  };

  static final DatasetMeta META = DatasetMeta.parse("aic", KEYPOINTS, SKELETON, JOINT_WEIGHTS, SIGMAS);

  private AicMetaInfo() {}
}
