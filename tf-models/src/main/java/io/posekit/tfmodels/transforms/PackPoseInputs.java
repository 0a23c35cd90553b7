package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The last step of a pipeline: puts the image in {@code inputs} and builds the
 * {@link PoseDataSample} with the ground-truth instances ({@code bbox} as {@code bboxes},
 * {@code bbox_score} as {@code bbox_scores}, {@code bbox_scale} as {@code bbox_scales},
 * keypoints and their visibility) and the {@code meta_keys} present in the sample.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class PackPoseInputs implements Transform {
  private final String[] metaKeys;

  public PackPoseInputs(
      @Param(
              defaultValue =
                  "('id', 'img_id', 'img_path', 'category_id', 'crowd_index', 'ori_shape', 'img_shape',"
                      + " 'input_size', 'input_center', 'input_scale', 'flip', 'flip_direction',"
                      + " 'flip_indices', 'raw_ann_info', 'dataset_name')")
          String[] metaKeys) {
    this.metaKeys = metaKeys.clone();
    PoseSample probe = new PoseSample();
    for (String key : this.metaKeys) {
      probe.get(key); // fails now, naming the key, rather than at the first sample
    }
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.image() == null) {
      throw new IllegalArgumentException("PackPoseInputs: sample img_id=" + results.imgId + " has no image");
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    for (String key : metaKeys) {
      Object value = results.get(key);
      if (value != null) {
        meta.put(key, value);
      }
    }
    var gt =
        new PoseDataSample.GtInstances(
            results.bbox, results.bboxScore, results.bboxScale, results.keypoints, results.keypointsVisible,
            results.headSize);
    results.inputs = results.img;
    results.dataSample = new PoseDataSample(meta, gt, null);
    return results;
  }
}
