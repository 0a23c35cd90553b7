package io.posekit.tfmodels.evaluation;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.CocoAnnotation;
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import io.posekit.tfmodels.structures.JsonRecord;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * MMPose's {@code CocoWholeBodyMetric}: {@link CocoMetric}'s rescoring and OKS-NMS over all 133
 * keypoints, results written split into COCO-WholeBody's parts ({@code keypoints}, {@code
 * foot_kpts}, {@code face_kpts}, {@code lefthand_kpts}, {@code righthand_kpts}), then xtcocotools'
 * evaluation per part (body, foot, face, left hand, right hand: each with its slice of the sigmas,
 * a ground truth ignored when that part has no labelled keypoint) and over the whole body; the
 * parts are logged, the whole body's ten stats returned (key prefix {@code coco-wholebody}), as
 * MMPose does. The ground truth comes from {@code ann_file}: PoseKit's {@code raw_ann_info} keeps
 * no part keypoints, so building it from the samples (ann_file None) is refused.
 */
@RegisterModule(registry = Registries.METRICS, scope = "mmpose")
public final class CocoWholeBodyMetric extends CocoMetric {
  private static final String[] PART_KEYS = {"keypoints", "foot_kpts", "face_kpts", "lefthand_kpts", "righthand_kpts"};
  private static final String[] PART_NAMES = {"body", "foot", "face", "lefthand", "righthand"};
  private static final int[] PART_SIZES = {17, 6, 68, 21, 21};
  /** The stats of each part from the last evaluation, in part order (MMPose prints them). */
  private final Map<String, Map<String, Double>> partStats = new java.util.LinkedHashMap<>();

  public CocoWholeBodyMetric(
      @Param(defaultValue = "None") @Nullable String annFile,
      @Param(defaultValue = "True") boolean useArea,
      @Param(defaultValue = "'keypoints'") String iouType,
      @Param(defaultValue = "'bbox_keypoint'") ScoreMode scoreMode,
      @Param(defaultValue = "0.2") double keypointScoreThr,
      @Param(defaultValue = "'oks_nms'") NmsMode nmsMode,
      @Param(defaultValue = "0.9") double nmsThr,
      @Param(defaultValue = "False") boolean formatOnly,
      @Param(defaultValue = "None") @Nullable String outfilePrefix,
      @Param(defaultValue = "None") @Nullable String prefix,
      @Provided DatasetMeta datasetMeta) {
    super(annFile, useArea, iouType, scoreMode, keypointScoreThr, nmsMode, nmsThr, formatOnly, outfilePrefix, prefix,
        "coco-wholebody", datasetMeta);
    if (datasetMeta.numKeypoints() != Arrays.stream(PART_SIZES).sum()) {
      throw new IllegalArgumentException(
          "CocoWholeBodyMetric: the data set " + datasetMeta.datasetName() + " has " + datasetMeta.numKeypoints()
              + " keypoints, COCO-WholeBody's parts have 133");
    }
  }

  @Override
  public void process(List<PoseDataSample> dataSamples) {
    if (annFile() == null) {
      throw new IllegalArgumentException(
          "CocoWholeBodyMetric: set ann_file; the ground truth cannot be rebuilt from raw_ann_info here (it keeps no part keypoints)");
    }
    super.process(dataSamples);
  }

  @Override
  void putKeypoints(Map<String, Object> result, double[] keypoints) {
    int start = 0;
    for (int p = 0; p < PART_KEYS.length; p++) {
      result.put(PART_KEYS[p], Arrays.copyOfRange(keypoints, 3 * start, 3 * (start + PART_SIZES[p])));
      start += PART_SIZES[p];
    }
  }

  @Override
  Map<String, Double> evaluate(CocoAnnotationFile gt, List<KeypointResult> results) {
    float[] sigmas = datasetMeta().sigmas();
    int from = 0;
    for (int p = 0; p < PART_KEYS.length; p++) {
      String key = PART_KEYS[p];
      int size = PART_SIZES[p], to = from + size;
      Map<String, Double> stats = summary("", new CocoKeypointEval(
          part(gt, r -> r.getDoubles(key, 3 * size)), slice(results, from, to), Arrays.copyOfRange(sigmas, from, to),
          useArea()));
      LoggerFactory.getLogger(CocoWholeBodyMetric.class).info("CocoWholeBodyMetric " + PART_NAMES[p] + ": " + stats);
      partStats.put(PART_NAMES[p], stats);
      from = to;
    }
    return summary("", new CocoKeypointEval(part(gt, CocoWholeBodyMetric::wholeBody), results, sigmas, useArea()));
  }

  /** Per part ({@code body}, {@code foot}, {@code face}, {@code lefthand}, {@code righthand}) the ten stats of the last evaluation. */
  public Map<String, Map<String, Double>> partStats() {
    return Map.copyOf(partStats);
  }

  /** The five parts of a ground-truth annotation joined in keypoint order. */
  private static double[] wholeBody(JsonRecord r) {
    double[] out = new double[3 * 133];
    int at = 0;
    for (int p = 0; p < PART_KEYS.length; p++) {
      double[] part = r.getDoubles(PART_KEYS[p], 3 * PART_SIZES[p]);
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** The ground truth with each annotation's keypoints replaced by {@code keypoints} of its JSON object. */
  private static CocoAnnotationFile part(CocoAnnotationFile gt, java.util.function.Function<JsonRecord, double[]> keypoints) {
    List<CocoAnnotation> anns = gt.annotations();
    List<JsonRecord> records = gt.annotationRecords();
    List<CocoAnnotation> out = new ArrayList<>(anns.size());
    for (int i = 0; i < anns.size(); i++) {
      CocoAnnotation a = anns.get(i);
      out.add(new CocoAnnotation(a.id(), a.imageId(), a.categoryId(), a.bbox(), a.area(), a.iscrowd(),
          keypoints.apply(records.get(i)), a.numKeypoints()));
    }
    return new CocoAnnotationFile(gt.source(), gt.images(), out, gt.categories());
  }

  private static List<KeypointResult> slice(List<KeypointResult> results, int from, int to) {
    List<KeypointResult> out = new ArrayList<>(results.size());
    for (KeypointResult r : results) {
      out.add(new KeypointResult(r.imageId(), r.categoryId(), Arrays.copyOfRange(r.keypoints(), 3 * from, 3 * to), r.score(), r.bbox()));
    }
    return out;
  }
}
