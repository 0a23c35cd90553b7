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

/**
 * The faces of COCO-WholeBody (68 landmarks each), MMPose's {@code CocoWholeBodyFaceDataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class CocoWholeBodyFaceDataset extends BaseCocoStyleDataset {

  public CocoWholeBodyFaceDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("coco_wholebody_face.py")));
  }

  /** One face per annotation with a valid, labelled face: its {@code face_box} clipped, its 68 {@code face_kpts}. */
  @Override
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    double[] kpts = raw.getDoubles("face_kpts", -1);
    if (!raw.getBoolean("face_valid") || max(kpts) <= 0) {
      return null;
    }
    PoseSample s = instance(raw, img, float32(clippedBox(raw.getDoubles("face_box", 4), img)), kpts, false);
    s.numKeypoints = countNonZero(s.keypoints[0]);
    s.iscrowd = raw.getInt("iscrowd");
    return s;
  }
}
