package io.posekit.tfmodels.transforms;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.BBoxTransforms;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.structures.WarpAffine;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Crops the box into a model input of {@code input_size = (w, h)}: first widens or heightens the
 * box to the input's aspect ratio (never shrinks it), then warps the image with MMPose's
 * {@code get_warp_matrix} (or {@code get_udp_warp_matrix} with {@code use_udp}) and maps the
 * keypoints into {@code transformed_keypoints}.
 */
@RegisterModule(registry = Registries.TRANSFORMS, scope = "mmpose")
public final class TopdownAffine implements Transform {
  private final int[] inputSize;
  private final boolean useUdp;

  public TopdownAffine(int[] inputSize, @Param(defaultValue = "False") boolean useUdp) {
    if (inputSize.length != 2 || inputSize[0] <= 0 || inputSize[1] <= 0) {
      throw new IllegalArgumentException("TopdownAffine: input_size must be (w, h), got " + Arrays.toString(inputSize));
    }
    this.inputSize = inputSize.clone();
    this.useUdp = useUdp;
  }

  /** {@code _fix_aspect_ratio}: grows the short side so that {@code w / h == aspectRatio}. */
  static double[] fixAspectRatio(double[] scale, double aspectRatio) {
    double w = scale[0], h = scale[1];
    return w > h * aspectRatio ? new double[] {w, w / aspectRatio} : new double[] {h * aspectRatio, h};
  }

  /** The warp of a box, the matrix this transform uses. */
  double[][] warpMatrix(double[] center, double[] scale, double rot) {
    return useUdp
        ? BBoxTransforms.getUdpWarpMatrix(center, scale, rot, inputSize[0], inputSize[1])
        : BBoxTransforms.getWarpMatrix(center, scale, rot, inputSize[0], inputSize[1]);
  }

  @Override
  public PoseSample transform(PoseSample results, RandomGenerator rng) {
    int w = inputSize[0], h = inputSize[1];
    if (results.bboxCenter == null || results.bboxScale == null) {
      throw new IllegalArgumentException(
          "TopdownAffine: sample img_id=" + results.imgId + " has no bbox_center/bbox_scale (run GetBBoxCenterScale first)");
    }
    if (results.bboxCenter.length != 1) {
      throw new IllegalArgumentException(
          "TopdownAffine: top-down heatmap models take one instance per sample, got " + results.bboxCenter.length);
    }
    for (int i = 0; i < results.bboxScale.length; i++) {
      results.bboxScale[i] = fixAspectRatio(results.bboxScale[i], (double) w / h);
    }
    double[] center = results.bboxCenter[0];
    double[] scale = results.bboxScale[0];
    double rot = results.bboxRotation != null ? results.bboxRotation[0] : 0.0;
    double[][] m = warpMatrix(center, scale, rot);
    if (results.img != null) {
      results.img = WarpAffine.warp(results.img, m, w, h);
    } else if (results.encodedImg != null) {
      results.img = results.encodedImg.warp(m, w, h); // decodes only the pixels under the box
      results.encodedImg = null;
    } else {
      throw new IllegalArgumentException("TopdownAffine: sample img_id=" + results.imgId + " has no image (run LoadImage first)");
    }
    results.imgShape = results.img.shape();
    if (results.keypoints != null) {
      double[][][] t = new double[results.keypoints.length][][];
      for (int n = 0; n < t.length; n++) {
        t[n] = new double[results.keypoints[n].length][];
        for (int k = 0; k < t[n].length; k++) {
          t[n][k] = BBoxTransforms.apply(m, results.keypoints[n][k][0], results.keypoints[n][k][1]);
        }
      }
      results.transformedKeypoints = t;
    } else {
      results.transformedKeypoints = new double[0][][];
      results.keypointsVisible = new double[][] {{1.0}};
    }
    results.inputSize = new int[] {w, h};
    results.inputCenter = center.clone();
    results.inputScale = scale.clone();
    return results;
  }
}
