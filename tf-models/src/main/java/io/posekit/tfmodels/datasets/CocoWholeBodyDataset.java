package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import java.util.Map;
import io.posekit.tfmodels.structures.CocoImageInfo;
import io.posekit.tfmodels.structures.JsonRecord;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.stream.DoubleStream;

/**
 * COCO-WholeBody's 133 keypoints per person (body, feet, face, hands from the annotation's five part lists), MMPose's {@code CocoWholeBodyDataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public class CocoWholeBodyDataset extends BaseCocoStyleDataset {

  public CocoWholeBodyDataset(
      @Param(defaultValue = "''") String annFile,
      @Param(defaultValue = "None") @Nullable String bboxFile,
      @Param(defaultValue = "'topdown'") DataMode dataMode,
      @Param(defaultValue = "None") @Nullable Map<String, Object> metainfo,
      @Param(defaultValue = "None") @Nullable String dataRoot,
      @Param(defaultValue = "dict(img='')") DataPrefix dataPrefix,
      @Param(defaultValue = "None") @Nullable FilterCfg filterCfg,
      @Param(defaultValue = "None") @Nullable Object indices,
      @Param(defaultValue = "True") boolean serializeData,
      @Param(defaultValue = "[]") List<Transform> pipeline,
      @Param(defaultValue = "False") boolean testMode,
      @Param(defaultValue = "False") boolean lazyInit,
      @Param(defaultValue = "1000") int maxRefetch,
      @Param(defaultValue = "1") int sampleInterval) {
    super(
        annFile, bboxFile, dataMode, dataRoot, dataPrefix, filterCfg, indices, pipeline, testMode, lazyInit,
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("coco_wholebody.py")));
  }

  /** For a data set with COCO-WholeBody's annotations and another meta (MMPose's {@code UBody2dDataset}). */
  protected CocoWholeBodyDataset(
      String annFile, @Nullable String bboxFile, DataMode dataMode, @Nullable String dataRoot, DataPrefix dataPrefix,
      @Nullable FilterCfg filterCfg, @Nullable Object indices, List<Transform> pipeline, boolean testMode,
      boolean lazyInit, int maxRefetch, int sampleInterval, DatasetMeta meta) {
    super(
        annFile, bboxFile, dataMode, dataRoot, dataPrefix, filterCfg, indices, pipeline, testMode, lazyInit,
        maxRefetch, sampleInterval, meta);
  }

  /** The parts of an annotation in the order of the 133 keypoints (body, feet, face, left and right hand). */
  private static final String[] PARTS = {"keypoints", "foot_kpts", "face_kpts", "lefthand_kpts", "righthand_kpts"};

  /** Keypoints are the five parts joined; a keypoint is visible when its {@code v > 0}. */
  @Override
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    DoubleStream all = DoubleStream.empty();
    for (String part : PARTS) {
      all = DoubleStream.concat(all, DoubleStream.of(raw.getDoubles(part, -1)));
    }
    double[] box = clippedBox(raw.getDoubles("bbox", 4), img);
    PoseSample s = instance(raw, img, float32(box), all.toArray(), true);
    s.area = raw.has("area") ? (float) raw.getDouble("area") : defaultArea(box);
    s.numKeypoints = raw.getInt("num_keypoints");
    s.iscrowd = raw.getInt("iscrowd");
    s.categoryId = raw.getInt("category_id");
    s.rawAnnInfo = List.of(io.posekit.tfmodels.structures.CocoAnnotation.read(raw));
    return s;
  }
}
