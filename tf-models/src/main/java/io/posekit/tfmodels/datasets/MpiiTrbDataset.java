package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.JsonRecord;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.Transform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MPII-TRB's 40 keypoints (joints and trunk contours), MMPose's {@code MpiiTrbDataset}: a COCO-like
 * file whose people have a centre and scale ({@code num_joints} counts the labelled ones); samples
 * are sorted by annotation id. No {@code sample_interval} is applied (MMPose's loader ignores it).
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class MpiiTrbDataset extends BaseCocoStyleDataset {

  public MpiiTrbDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("mpii_trb.py")));
  }

  @Override
  protected Annotations loadAnnotations() {
    JsonRecord top = new JsonRecord(readJson(annFile(), "MPII-TRB annotation file"), annFile());
    Map<Long, String> fileNames = new HashMap<>();
    for (JsonRecord img : top.getRecords("images")) {
      fileNames.put(img.getLong("id"), img.getString("file_name"));
    }
    List<PoseSample> instances = new ArrayList<>();
    List<ImageEntry> images = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (JsonRecord ann : top.getRecords("annotations")) {
      long imgId = ann.getLong("image_id");
      String fileName = fileNames.get(imgId);
      if (fileName == null) {
        throw new CocoFormatException(ann.where() + ": image_id " + imgId + " is not among the file's images");
      }
      PoseSample s = centreScaleInstance(ann, fileName);
      s.numKeypoints = ann.getInt("num_joints");
      s.iscrowd = ann.getInt("iscrowd");
      instances.add(s);
      if (seen.add(imgId)) {
        images.add(new ImageEntry(imgId, s.imgPath));
      }
    }
    instances.sort(Comparator.comparingLong(s -> s.id));
    return new Annotations(instances, images);
  }
}
