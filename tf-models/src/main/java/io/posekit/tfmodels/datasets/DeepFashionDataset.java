package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import java.util.Map;

/**
 * DeepFashion fashion landmarks (COCO-format annotation files), MMPose's {@code DeepFashionDataset}:
 * {@code subset} picks the landmarks of full-body (8, the default), upper-body (6) or lower-body (4)
 * clothes. Like MMPose's, it takes no {@code sample_interval}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class DeepFashionDataset extends BaseCocoStyleDataset {

  public DeepFashionDataset(
      @Param(defaultValue = "''") String annFile,
      @Param(defaultValue = "''") String subset,
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
      @Param(defaultValue = "1000") int maxRefetch) {
    super(
        annFile, bboxFile, dataMode, dataRoot, dataPrefix, filterCfg, indices, pipeline, testMode, lazyInit,
        maxRefetch, 1, MetaInfo.resolve(metainfo, DeepFashionMetaInfo.of(subset)));
  }
}
