package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.BBoxTransforms;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/**
 * Turns {@code bbox} into {@code bbox_center} and {@code bbox_scale} enlarged by {@code padding};
 * when both already exist only the padding is applied to the scale, as MMPose does.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class GetBBoxCenterScale implements Transform {
  private final double padding;

  public GetBBoxCenterScale(@Param(defaultValue = "1.25") double padding) {
    this.padding = padding;
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    if (results.bboxCenter != null && results.bboxScale != null) {
      for (double[] s : results.bboxScale) {
        s[0] *= padding;
        s[1] *= padding;
      }
      return results;
    }
    if (results.bbox == null) {
      throw new IllegalArgumentException("GetBBoxCenterScale: sample img_id=" + results.imgId + " has no bbox");
    }
    int n = results.bbox.length;
    results.bboxCenter = new double[n][];
    results.bboxScale = new double[n][];
    for (int i = 0; i < n; i++) {
      double[][] cs = BBoxTransforms.bboxXyxy2cs(results.bbox[i], padding);
      results.bboxCenter[i] = cs[0];
      results.bboxScale[i] = cs[1];
    }
    return results;
  }
}
