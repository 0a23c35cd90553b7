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
 * CMU Panoptic's 21 hand keypoints, MMPose's {@code PanopticHand2DDataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class PanopticHand2DDataset extends BaseCocoStyleDataset {

  public PanopticHand2DDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("panoptic_hand2d.py")));
  }

  /** Each hand carries its {@code head_size}, the normaliser of Panoptic's PCKh-style metrics. */
  @Override
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    PoseSample s = instance(raw, img, float32(clippedBox(raw.getDoubles("bbox", 4), img)), raw.getDoubles("keypoints", -1), false);
    s.numKeypoints = countNonZero(s.keypoints[0]);
    s.iscrowd = raw.getInt("iscrowd");
    s.headSize = new double[] {raw.getDouble("head_size")};
    return s;
  }
}
