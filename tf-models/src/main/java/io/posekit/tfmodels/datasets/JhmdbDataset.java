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
 * Sub-JHMDB's 15 keypoints, MMPose's {@code JhmdbDataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class JhmdbDataset extends BaseCocoStyleDataset {

  public JhmdbDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("jhmdb.py")));
  }

  /** JHMDB's files count pixels from 1 (MATLAB): boxes and keypoints move by -1 before clipping. */
  @Override
  protected @Nullable PoseSample parseDataInfo(JsonRecord raw, CocoImageInfo img) {
    double[] b = raw.getDoubles("bbox", 4);
    double[] kpts = raw.getDoubles("keypoints", -1);
    double[] box = clippedBox(new double[] {b[0] - 1, b[1] - 1, b[2], b[3]}, img);
    PoseSample s = instance(raw, img, float32(box), kpts, false);
    for (double[] p : s.keypoints[0]) {
      p[0] = (float) (p[0] - 1);
      p[1] = (float) (p[1] - 1);
    }
    s.numKeypoints = countNonZero(s.keypoints[0]);
    s.area = defaultArea(box);
    s.categoryId = raw.getInt("category_id", 1);
    return s;
  }
}
