package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/** CrowdPose (14 keypoints per person, COCO-format annotation files), MMPose's {@code CrowdPoseDataset}. */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class CrowdPoseDataset extends BaseCocoStyleDataset {

  public CrowdPoseDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, DatasetMeta.crowdpose()));
  }
}
