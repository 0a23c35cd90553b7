package io.posekit.tfmodels.datasets;

import java.util.List;

/** The facts of COCO's person keypoints: names, sides, swaps, skeleton, colours, joint weights and sigmas. */
final class CocoMetaInfo {
  private static final int[] BLUE = {51, 153, 255};
  private static final int[] GREEN = {0, 255, 0};
  private static final int[] ORANGE = {255, 128, 0};

  static final List<KeypointInfo> KEYPOINTS =
      List.of(
          new KeypointInfo("nose", 0, BLUE, "upper", ""),
          new KeypointInfo("left_eye", 1, BLUE, "upper", "right_eye"),
          new KeypointInfo("right_eye", 2, BLUE, "upper", "left_eye"),
          new KeypointInfo("left_ear", 3, BLUE, "upper", "right_ear"),
          new KeypointInfo("right_ear", 4, BLUE, "upper", "left_ear"),
          new KeypointInfo("left_shoulder", 5, GREEN, "upper", "right_shoulder"),
          new KeypointInfo("right_shoulder", 6, ORANGE, "upper", "left_shoulder"),
          new KeypointInfo("left_elbow", 7, GREEN, "upper", "right_elbow"),
          new KeypointInfo("right_elbow", 8, ORANGE, "upper", "left_elbow"),
          new KeypointInfo("left_wrist", 9, GREEN, "upper", "right_wrist"),
          new KeypointInfo("right_wrist", 10, ORANGE, "upper", "left_wrist"),
          new KeypointInfo("left_hip", 11, GREEN, "lower", "right_hip"),
          new KeypointInfo("right_hip", 12, ORANGE, "lower", "left_hip"),
          new KeypointInfo("left_knee", 13, GREEN, "lower", "right_knee"),
          new KeypointInfo("right_knee", 14, ORANGE, "lower", "left_knee"),
          new KeypointInfo("left_ankle", 15, GREEN, "lower", "right_ankle"),
          new KeypointInfo("right_ankle", 16, ORANGE, "lower", "left_ankle"));

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
          new SkeletonInfo("left_eye", "right_eye", BLUE),
          new SkeletonInfo("nose", "left_eye", BLUE),
          new SkeletonInfo("nose", "right_eye", BLUE),
          new SkeletonInfo("left_eye", "left_ear", BLUE),
          new SkeletonInfo("right_eye", "right_ear", BLUE),
          new SkeletonInfo("left_ear", "left_shoulder", BLUE),
          new SkeletonInfo("right_ear", "right_shoulder", BLUE));

  static final double[] JOINT_WEIGHTS = {
    1., 1., 1., 1., 1., 1., 1., 1.2, 1.2, 1.5, 1.5, 1., 1., 1.2, 1.2, 1.5, 1.5
  };

  static final double[] SIGMAS = {
    0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087,
    0.087, 0.089, 0.089
  };

  static final DatasetMeta META = DatasetMeta.parse("coco", KEYPOINTS, SKELETON, JOINT_WEIGHTS, SIGMAS);

  private CocoMetaInfo() {}
}
