package io.posekit.tfmodels.codecs;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMPose's {@code IntegralRegressionLabel} (DSNT, IPR): the {@link RegressionLabel} of the
 * keypoints with its weights, plus MSRA heatmaps which, with {@code normalize}, each sum to 1
 * (divided by their sum + 1e-24, so empty ones stay 0). Decodes as RegressionLabel.
 */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class IntegralRegressionLabel implements KeypointCodec {
  private final MSRAHeatmap heatmapCodec;
  private final RegressionLabel keypointCodec;
  private final boolean normalize;

  public IntegralRegressionLabel(
      int[] inputSize,
      int[] heatmapSize,
      double sigma,
      @Param(defaultValue = "False") boolean unbiased,
      @Param(defaultValue = "11") int blurKernelSize,
      @Param(defaultValue = "True") boolean normalize) {
    this.heatmapCodec = new MSRAHeatmap(inputSize, heatmapSize, sigma, unbiased, blurKernelSize);
    this.keypointCodec = new RegressionLabel(inputSize);
    this.normalize = normalize;
  }

  @Override
  public EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    Heatmaps heatmaps = heatmapCodec.encode(keypoints, keypointsVisible).heatmaps();
    EncodedTargets labels = keypointCodec.encode(keypoints, keypointsVisible);
    float[] data = heatmaps.data().clone();
    if (normalize) {
      int hw = heatmaps.height() * heatmaps.width();
      for (int c = 0; c < heatmaps.channels(); c++) {
        double sum = 0;
        for (int i = 0; i < hw; i++) {
          sum += data[c * hw + i];
        }
        float denominator = (float) sum + 1e-24f;
        for (int i = 0; i < hw; i++) {
          data[c * hw + i] /= denominator;
        }
      }
    }
    Map<String, NdFloats> f = new LinkedHashMap<>();
    f.put(EncodedTargets.KEYPOINT_LABELS, labels.get(EncodedTargets.KEYPOINT_LABELS));
    f.put(EncodedTargets.HEATMAPS, NdFloats.of(data, heatmaps.channels(), heatmaps.height(), heatmaps.width()));
    f.put(EncodedTargets.KEYPOINT_WEIGHTS, labels.get(EncodedTargets.KEYPOINT_WEIGHTS));
    return new EncodedTargets(f);
  }

  @Override
  public DecodedKeypoints decode(List<NdFloats> outputs) {
    return keypointCodec.decode(outputs);
  }

  @Override
  public int[] inputSize() {
    return keypointCodec.inputSize();
  }

  /** Width and height of the heatmaps, MMPose's {@code heatmap_size} (w, h). */
  public int[] heatmapSize() {
    return heatmapCodec.heatmapSize();
  }
}
