package io.posekit.tfmodels.structures;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * MMPose's {@code PoseDataSample}: the meta information of a sample under MMPose's key names
 * ({@code id}, {@code img_id}, {@code ori_shape}, {@code raw_ann_info}, ...), its ground-truth
 * instances and, once a model has run, its predicted instances. {@link
 * io.posekit.tfmodels.transforms.PackPoseInputs} makes one; a metric reads it.
 */
public record PoseDataSample(
    Map<String, Object> metainfo, GtInstances gtInstances, @Nullable PredInstances predInstances)
    implements java.io.Serializable { // gathered across ranks for evaluation (MMEngine's collect_results)

  public PoseDataSample {
    metainfo = Collections.unmodifiableMap(new LinkedHashMap<>(metainfo));
  }

  /**
   * Ground-truth instances: boxes {@code [N][4]} (x1, y1, x2, y2), the detector's {@code bboxScores},
   * {@code bboxScales [N][2]} of the input boxes (MMPose's metric takes their product as the area),
   * keypoints {@code [N][K][2]}, their visibility {@code [N][K]} and, for data sets that annotate
   * it (MPII), the {@code headSize [N]} PCKh normalises by. Absent fields are null.
   */
  public record GtInstances(
      double @Nullable [][] bboxes,
      double @Nullable [] bboxScores,
      double @Nullable [][] bboxScales,
      double @Nullable [][][] keypoints,
      double @Nullable [][] keypointsVisible,
      double @Nullable [] headSize) implements java.io.Serializable {

    /** Ground truth without head sizes. */
    public GtInstances(
        double @Nullable [][] bboxes,
        double @Nullable [] bboxScores,
        double @Nullable [][] bboxScales,
        double @Nullable [][][] keypoints,
        double @Nullable [][] keypointsVisible) {
      this(bboxes, bboxScores, bboxScales, keypoints, keypointsVisible, null);
    }
  }

  /**
   * Predicted instances: {@code keypoints [N][K][2]}, {@code keypointScores [N][K]}, optional
   * {@code bboxes [N][4]} (x1, y1, x2, y2) and {@code bboxScores [N]}.
   */
  public record PredInstances(
      double[][][] keypoints,
      double[][] keypointScores,
      double @Nullable [][] bboxes,
      double @Nullable [] bboxScores) implements java.io.Serializable {}

  public PoseDataSample withPredInstances(PredInstances pred) {
    return new PoseDataSample(metainfo, gtInstances, pred);
  }

  private Object required(String key) {
    Object value = metainfo.get(key);
    if (value == null) {
      throw new IllegalArgumentException("data sample has no '" + key + "' in its metainfo " + metainfo.keySet());
    }
    return value;
  }

  public long imgId() {
    return ((Number) required("img_id")).longValue();
  }

  /** The annotation id(s): one for a top-down sample, a list for a bottom-up one. */
  public List<Long> ids() {
    Object id = required("id");
    if (id instanceof Number n) {
      return List.of(n.longValue());
    }
    if (id instanceof List<?> list) {
      return list.stream().map(o -> ((Number) o).longValue()).toList();
    }
    throw new IllegalArgumentException("data sample 'id' must be a number or a list, got " + id);
  }

  public int categoryId() {
    Object c = metainfo.get("category_id");
    return c == null ? 1 : ((Number) c).intValue();
  }

  /** {@code (h, w)} of the original image, or null. */
  public int @Nullable [] oriShape() {
    return (int[]) metainfo.get("ori_shape");
  }

  /** The raw COCO annotations of the sample, or null. */
  @SuppressWarnings("unchecked")
  public @Nullable List<CocoAnnotation> rawAnnInfo() {
    Object raw = metainfo.get("raw_ann_info");
    if (raw == null) {
      return null;
    }
    return raw instanceof CocoAnnotation a ? List.of(a) : (List<CocoAnnotation>) raw;
  }
}
