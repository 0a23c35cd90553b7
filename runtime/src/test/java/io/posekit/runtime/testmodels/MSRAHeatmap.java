package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** Gaussian heatmaps as in MSRA's SimpleBaseline (MMPose's {@code MSRAHeatmap}). */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class MSRAHeatmap implements KeypointCodec, io.posekit.tfmodels.codecs.HeatmapCodec {
  private final int[] inputSize;
  private final int[] heatmapSize;
  private final double sigma;
  private final boolean unbiased;
  // encoding and decoding are tf-models' own MSRAHeatmap; the stand-in only registers the name here
  private final io.posekit.tfmodels.codecs.MSRAHeatmap codec;

  public MSRAHeatmap(
      int[] inputSize, int[] heatmapSize, double sigma, @Param(defaultValue = "False") boolean unbiased) {
    this.inputSize = inputSize.clone();
    this.heatmapSize = heatmapSize.clone();
    this.sigma = sigma;
    this.unbiased = unbiased;
    this.codec = new io.posekit.tfmodels.codecs.MSRAHeatmap(inputSize, heatmapSize, sigma, unbiased, 11);
  }

  @Override
  public io.posekit.tfmodels.codecs.EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    return codec.encode(keypoints, keypointsVisible);
  }

  @Override
  public io.posekit.tfmodels.codecs.DecodedKeypoints decode(io.posekit.tfmodels.codecs.Heatmaps heatmaps) {
    return codec.decode(heatmaps);
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
}
