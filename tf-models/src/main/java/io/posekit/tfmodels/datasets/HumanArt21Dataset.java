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
 * Human-Art's 21 keypoints (COCO's 17 and four on the feet), MMPose's {@code HumanArt21Dataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class HumanArt21Dataset extends BaseCocoStyleDataset {

  public HumanArt21Dataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("humanart21.py")));
  }

  /** Human-Art's 21-keypoint annotations are under {@code keypoints_21}; no keypoints: skipped (no box: an error naming the record). */
  @Override
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    if (!raw.has("keypoints")) {
      return null;
    }
    PoseSample s = instance(raw, img, float32(clippedBox(raw.getDoubles("bbox", 4), img)), raw.getDoubles("keypoints_21", -1), false);
    s.numKeypoints = raw.has("num_keypoints") ? raw.getInt("num_keypoints") : countNonZero(s.keypoints[0]);
    s.categoryId = raw.getInt("category_id");
    s.rawAnnInfo = List.of(io.posekit.tfmodels.structures.CocoAnnotation.read(raw));
    return s;
  }
}
