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
import io.posekit.tfmodels.structures.CocoAnnotationFile;
import java.util.ArrayList;

/**
 * The hands of COCO-WholeBody (21 keypoints each), MMPose's {@code CocoWholeBodyHandDataset}.
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmpose")
public final class CocoWholeBodyHandDataset extends BaseCocoStyleDataset {

  public CocoWholeBodyHandDataset(
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
        maxRefetch, sampleInterval, MetaInfo.resolve(metainfo, MetaInfo.builtIn("coco_wholebody_hand.py")));
  }

  /**
   * Every image's non-crowd annotations give up to two hands ({@code lefthand_*}, {@code
   * righthand_*}), each when valid and labelled; ids count the hands from 0. No {@code sample_interval}.
   */
  @Override
  protected Annotations loadAnnotations() {
    CocoAnnotationFile coco = CocoAnnotationFile.fromJsonRecords(readJson(annFile(), "COCO annotation file"), annFile());
    List<PoseSample> instances = new ArrayList<>();
    List<ImageEntry> images = new ArrayList<>();
    long nextId = 0;
    for (CocoImageInfo img : coco.images()) {
      images.add(new ImageEntry(img.id(), imgPath(img.fileName())));
      for (JsonRecord raw : coco.annotationRecordsOf(img.id())) {
        if (raw.getInt("iscrowd") != 0) {
          continue;
        }
        for (String side : new String[] {"left", "right"}) {
          double[] kpts = raw.getDoubles(side + "hand_kpts", -1);
          if (!raw.getBoolean(side + "hand_valid") || max(kpts) <= 0) {
            continue;
          }
          double[] xywh = raw.getDoubles(side + "hand_box", 4);
          double[] xyxy = {(float) xywh[0], (float) xywh[1], (float) ((float) xywh[0] + (float) xywh[2]), (float) ((float) xywh[1] + (float) xywh[3])};
          PoseSample s = instance(raw, img, xyxy, kpts, false);
          s.numKeypoints = countNonZero(s.keypoints[0]);
          s.id = nextId++;
          instances.add(s);
        }
      }
    }
    return new Annotations(instances, images);
  }
}
