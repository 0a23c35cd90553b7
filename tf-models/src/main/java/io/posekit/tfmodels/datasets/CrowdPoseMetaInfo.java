package io.posekit.tfmodels.datasets;

import java.util.List;

/** The facts of CrowdPose's keypoints (MMPose's {@code configs/_base_/datasets/crowdpose.py}). */
final class CrowdPoseMetaInfo {
  private static final int[] BLUE = {51, 153, 255};
  private static final int[] GREEN = {0, 255, 0};
  private static final int[] ORANGE = {255, 128, 0};

  static final List<KeypointInfo> KEYPOINTS =
      List.of(
          new KeypointInfo("left_shoulder", 0, BLUE, "upper", "right_shoulder"),
          new KeypointInfo("right_shoulder", 1, BLUE, "upper", "left_shoulder"),
          new KeypointInfo("left_elbow", 2, BLUE, "upper", "right_elbow"),
          new KeypointInfo("right_elbow", 3, BLUE, "upper", "left_elbow"),
          new KeypointInfo("left_wrist", 4, BLUE, "upper", "right_wrist"),
          new KeypointInfo("right_wrist", 5, GREEN, "upper", "left_wrist"),
          new KeypointInfo("left_hip", 6, ORANGE, "lower", "right_hip"),
          new KeypointInfo("right_hip", 7, GREEN, "lower", "left_hip"),
          new KeypointInfo("left_knee", 8, ORANGE, "lower", "right_knee"),
          new KeypointInfo("right_knee", 9, GREEN, "lower", "left_knee"),
          new KeypointInfo("left_ankle", 10, ORANGE, "lower", "right_ankle"),
          new KeypointInfo("right_ankle", 11, GREEN, "lower", "left_ankle"),
          new KeypointInfo("top_head", 12, ORANGE, "upper", ""),
          new KeypointInfo("neck", 13, GREEN, "upper", ""));

  static final List<SkeletonInfo> SKELETON =
      List.of(
          new SkeletonInfo("left_ankle", "left_knee", GREEN),
          new SkeletonInfo("left_knee", "left_hip", GREEN),
          new SkeletonInfo("right_ankle", "right_knee", ORANGE),
          new SkeletonInfo("right_knee", "right_hip", ORANGE),
          new SkeletonInfo("left_hip", "right_hip", BLUE),
          new SkeletonInfo("left_shoulder", "left_hip", BLUE),
          new SkeletonInfo("right_shoulder", "right_hip", BLUE),
          new SkeletonInfo("left_shoulder", "right_shoulder", BLUE),
          new SkeletonInfo("left_shoulder", "left_elbow", GREEN),
          new SkeletonInfo("right_shoulder", "right_elbow", ORANGE),
          new SkeletonInfo("left_elbow", "left_wrist", GREEN),
          new SkeletonInfo("right_elbow", "right_wrist", ORANGE),
          new SkeletonInfo("top_head", "neck", BLUE),
          new SkeletonInfo("right_shoulder", "neck", BLUE),
          new SkeletonInfo("left_shoulder", "neck", BLUE));

  static final double[] JOINT_WEIGHTS = {0.2, 0.2, 0.2, 1.3, 1.5, 0.2, 1.3, 1.5, 0.2, 0.2, 0.5, 0.2, 0.2, 0.5};

  static final double[] SIGMAS = {
    0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089, 0.079, 0.079
  };

  static final DatasetMeta META = DatasetMeta.parse("crowdpose", KEYPOINTS, SKELETON, JOINT_WEIGHTS, SIGMAS);

  private CrowdPoseMetaInfo() {}
}
