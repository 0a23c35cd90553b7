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
 * WFLW's 98 face landmarks, MMPose's {@code WFLWDataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class WFLWDataset extends BaseCocoStyleDataset {

  public WFLWDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("wflw.py")));
  }

  /** Boxes come as centre and {@code scale} (in units of 200 pixels), as MMPose's {@code WFLWDataset} reads them. */
  @Override
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    PoseSample s = centreScaleInstance(raw, img);
    return s;
  }
}
