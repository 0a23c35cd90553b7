package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/** Gaussian heatmaps as in MSRA's SimpleBaseline (MMPose's {@code MSRAHeatmap}). */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class MSRAHeatmap implements KeypointCodec {
  private final int[] inputSize;
  private final int[] heatmapSize;
  private final double sigma;
  private final boolean unbiased;

  public MSRAHeatmap(
      int[] inputSize, int[] heatmapSize, double sigma, @Param(defaultValue = "False") boolean unbiased) {
    this.inputSize = inputSize.clone();
    this.heatmapSize = heatmapSize.clone();
    this.sigma = sigma;
    this.unbiased = unbiased;
  }

  public int[] inputSize() {
    return inputSize.clone();
  }

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
