package io.posekit.tfmodels.codecs;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/**
 * Gaussian heatmaps of MSRA's SimpleBaseline (MMPose's {@code MSRAHeatmap}); with
 * {@code unbiased} the DARK encoding (exact-centre Gaussian) and decoding (blur, log, Taylor).
 */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class MSRAHeatmap implements HeatmapCodec {
  private final int[] inputSize;
  private final int[] heatmapSize;
  private final double sigma;
  private final boolean unbiased;
  private final int blurKernelSize;
  private final float scaleX;
  private final float scaleY;

  public MSRAHeatmap(
      int[] inputSize,
      int[] heatmapSize,
      double sigma,
      @Param(defaultValue = "False") boolean unbiased,
      @Param(defaultValue = "11") int blurKernelSize) {
    this.inputSize = checkSize("input_size", inputSize);
    this.heatmapSize = checkSize("heatmap_size", heatmapSize);
    this.sigma = sigma;
    this.unbiased = unbiased;
    this.blurKernelSize = blurKernelSize;
    // MMPose keeps the scale factor as float32
    this.scaleX = (float) inputSize[0] / heatmapSize[0];
    this.scaleY = (float) inputSize[1] / heatmapSize[1];
  }

  static int[] checkSize(String name, int[] size) {
    if (size.length != 2) {
      throw new IllegalArgumentException(name + " must be (w, h), got " + size.length + " values");
    }
    return size.clone();
  }

  @Override
  public EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    float[] visible = keypointsVisible == null ? ones(keypoints.length) : keypointsVisible;
    float[][] scaled = new float[keypoints.length][2];
    for (int k = 0; k < keypoints.length; k++) {
      scaled[k][0] = keypoints[k][0] / scaleX;
      scaled[k][1] = keypoints[k][1] / scaleY;
    }
    return unbiased
        ? GaussianHeatmaps.unbiased(heatmapSize[0], heatmapSize[1], scaled, visible, sigma)
        : GaussianHeatmaps.msra(heatmapSize[0], heatmapSize[1], scaled, visible, sigma);
  }

  @Override
  public DecodedKeypoints decode(Heatmaps heatmaps) {
    DecodedKeypoints max = HeatmapMaximum.of(heatmaps);
    float[][] keypoints = max.keypoints();
    if (unbiased) {
      KeypointRefinement.dark(keypoints, heatmaps, blurKernelSize);
    } else {
      KeypointRefinement.quarterOffset(keypoints, heatmaps);
    }
    for (float[] kp : keypoints) {
      kp[0] *= scaleX;
      kp[1] *= scaleY;
    }
    return new DecodedKeypoints(keypoints, max.scores());
  }

  static float[] ones(int n) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, 1f);
    return v;
  }

  @Override
  public int[] inputSize() {
    return inputSize.clone();
  }

  @Override
  public int[] heatmapSize() {
    return heatmapSize.clone();
  }

  public double sigma() {
    return sigma;
  }

  public boolean unbiased() {
    return unbiased;
  }

  public int blurKernelSize() {
    return blurKernelSize;
  }
}
