package io.posekit.tfmodels.datasets;

import java.util.Arrays;
import java.util.List;

/**
 * The facts of DeepFashion's fashion landmarks per subset (MMPose's
 * {@code configs/_base_/datasets/deepfashion_{full,upper,lower}.py}): white, no body half, left/right
 * swaps, no skeleton, joint weights 1, no OKS sigmas.
 */
final class DeepFashionMetaInfo {
  private static final int[] WHITE = {255, 255, 255};

  static final DatasetMeta FULL = meta("deepfashion_full", "collar", "sleeve", "waistline", "hem");
  static final DatasetMeta UPPER = meta("deepfashion_upper", "collar", "sleeve", "hem");
  static final DatasetMeta LOWER = meta("deepfashion_lower", "waistline", "hem");

  private DeepFashionMetaInfo() {}

  /** MMPose's {@code DeepFashionDataset._check_subset_and_metainfo}: '' means full. */
  static DatasetMeta of(String subset) {
    return switch (subset) {
      case "", "full" -> FULL;
      case "upper" -> UPPER;
      case "lower" -> LOWER;
      default -> throw new IllegalArgumentException(
          "DeepFashionDataset got invalid subset: '" + subset + "'. Should be \"full\", \"lower\" or \"upper\"");
    };
  }

  /** Keypoints "left P", "right P" for each part P in order. */
  private static DatasetMeta meta(String name, String... parts) {
    KeypointInfo[] keypoints = new KeypointInfo[parts.length * 2];
    for (int i = 0; i < parts.length; i++) {
      String left = "left " + parts[i];
      String right = "right " + parts[i];
      keypoints[2 * i] = new KeypointInfo(left, 2 * i, WHITE, "", right);
      keypoints[2 * i + 1] = new KeypointInfo(right, 2 * i + 1, WHITE, "", left);
    }
    double[] weights = new double[keypoints.length];
    Arrays.fill(weights, 1.0);
    return DatasetMeta.parse(name, List.of(keypoints), List.of(), weights, new double[0]);
  }
}
