package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.datasets.DatasetMeta;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * MMPose's {@code NME}: the mean keypoint distance divided by a per-instance normaliser; key
 * {@code NME}. {@code norm_mode='use_norm_item'} takes it from the ground truth ({@code norm_item}
 * {@code 'bbox_size'}: the longer side of the box, or {@code 'head_size'}); {@code 'keypoint_distance'}
 * uses the distance of two ground-truth keypoints, {@code keypoint_indices} or the data set's default
 * pair (300W, WFLW, COFW, ... as MMPose lists them).
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public final class NME extends KeypointErrorMetric {
  private static final Map<String, int[]> DEFAULT_KEYPOINT_INDICES =
      Map.of(
          "horse10", new int[] {0, 1},
          "300w", new int[] {36, 45},
          "coco_wholebody_face", new int[] {36, 45},
          "cofw", new int[] {8, 9},
          "wflw", new int[] {60, 72},
          "lapa", new int[] {66, 79});

  private final boolean useNormItem;
  private final @Nullable String normItem;
  private final int[] keypointIndices;

  public NME(
      String normMode,
      @Param(defaultValue = "None") @Nullable String normItem,
      @Param(defaultValue = "None") @Nullable List<Integer> keypointIndices,
      @Param(defaultValue = "None") @Nullable String prefix,
      @Provided DatasetMeta datasetMeta) {
    super(prefix);
    switch (normMode) {
      case "use_norm_item" -> {
        if (normItem == null || normItem.isEmpty()) {
          throw new IllegalArgumentException("NME: norm_mode='use_norm_item' needs a norm_item ('bbox_size' or 'head_size')");
        }
        if (!normItem.equals("bbox_size") && !normItem.equals("head_size")) {
          throw new IllegalArgumentException(
              "NME: norm_item '" + normItem + "' is not in the ground truth; use 'bbox_size' or 'head_size'");
        }
        this.useNormItem = true;
        this.keypointIndices = new int[0];
      }
      case "keypoint_distance" -> {
        this.useNormItem = false;
        if (keypointIndices == null) {
          int[] d = DEFAULT_KEYPOINT_INDICES.get(datasetMeta.datasetName());
          if (d == null) {
            throw new IllegalArgumentException(
                "NME: norm_mode='keypoint_distance' without keypoint_indices, and data set '" + datasetMeta.datasetName()
                    + "' has no default pair; set keypoint_indices");
          }
          this.keypointIndices = d.clone();
        } else {
          if (keypointIndices.size() != 2) {
            throw new IllegalArgumentException("NME: keypoint_indices must be a pair, got " + keypointIndices);
          }
          for (int idx : keypointIndices) {
            if (idx < 0 || idx >= datasetMeta.numKeypoints()) {
              throw new IllegalArgumentException(
                  "NME: data set " + datasetMeta.datasetName() + " has no keypoint " + idx);
            }
          }
          this.keypointIndices = new int[] {keypointIndices.get(0), keypointIndices.get(1)};
        }
      }
      default -> throw new IllegalArgumentException(
          "NME: norm_mode must be 'use_norm_item' or 'keypoint_distance', got '" + normMode + "'");
    }
    this.normItem = normItem;
  }

  @Override
  boolean[] needs() {
    return new boolean[] {useNormItem && "bbox_size".equals(normItem), useNormItem && "head_size".equals(normItem), false};
  }

  @Override
  Map<String, Double> compute(List<Entry> entries, double[][][] pred, double[][][] gt, boolean[][] mask) {
    double[][] norm;
    if (useNormItem) {
      norm = square(entries, "bbox_size".equals(normItem) ? Entry::bboxSize : Entry::headSize);
    } else {
      int a = keypointIndices[0], b = keypointIndices[1];
      norm = square(entries, e -> Math.hypot(e.gt()[a][0] - e.gt()[b][0], e.gt()[a][1] - e.gt()[b][1]));
    }
    return Map.of("NME", KeypointEval.nme(pred, gt, mask, norm));
  }
}
