package io.posekit.tfmodels.codecs;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/**
 * Unbiased Data Processing heatmaps (MMPose's {@code UDPHeatmap}): pixel positions measured in
 * unit lengths, (size - 1) scaling, and either Gaussian targets decoded with UDP's DARK or
 * "combined" classification + offset targets.
 */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class UDPHeatmap implements HeatmapCodec {
  /** The target kind, MMPose's {@code heatmap_type}. */
  public enum HeatmapType {
    @ConfigValue("gaussian")
    GAUSSIAN,
    @ConfigValue("combined")
    COMBINED
  }

  private final int[] inputSize;
  private final int[] heatmapSize;
  private final HeatmapType heatmapType;
  private final double sigma;
  private final double radiusFactor;
  private final int blurKernelSize;
  private final float scaleX;
  private final float scaleY;

  public UDPHeatmap(
      int[] inputSize,
      int[] heatmapSize,
      @Param(defaultValue = "'gaussian'") HeatmapType heatmapType,
      @Param(defaultValue = "2.") double sigma,
      @Param(defaultValue = "0.0546875") double radiusFactor,
      @Param(defaultValue = "11") int blurKernelSize) {
    this.inputSize = MSRAHeatmap.checkSize("input_size", inputSize);
    this.heatmapSize = MSRAHeatmap.checkSize("heatmap_size", heatmapSize);
    this.heatmapType = heatmapType;
    this.sigma = sigma;
    this.radiusFactor = radiusFactor;
    this.blurKernelSize = blurKernelSize;
    this.scaleX = (float) (inputSize[0] - 1) / (heatmapSize[0] - 1);
    this.scaleY = (float) (inputSize[1] - 1) / (heatmapSize[1] - 1);
  }

  @Override
  public EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    float[] visible = keypointsVisible == null ? MSRAHeatmap.ones(keypoints.length) : keypointsVisible;
    float[][] scaled = new float[keypoints.length][2];
    for (int k = 0; k < keypoints.length; k++) {
      scaled[k][0] = keypoints[k][0] / scaleX;
      scaled[k][1] = keypoints[k][1] / scaleY;
    }
    return heatmapType == HeatmapType.GAUSSIAN
        ? GaussianHeatmaps.udp(heatmapSize[0], heatmapSize[1], scaled, visible, sigma)
        : GaussianHeatmaps.offset(heatmapSize[0], heatmapSize[1], scaled, visible, radiusFactor);
  }

  @Override
  public DecodedKeypoints decode(Heatmaps heatmaps) {
    DecodedKeypoints result =
        heatmapType == HeatmapType.GAUSSIAN ? decodeGaussian(heatmaps) : decodeCombined(heatmaps);
    // MMPose maps back with input_size / (heatmap_size - 1), not the (input_size - 1) of encode
    int w = heatmapSize[0];
    int h = heatmapSize[1];
    for (float[] kp : result.keypoints()) {
      kp[0] = kp[0] / (w - 1) * inputSize[0];
      kp[1] = kp[1] / (h - 1) * inputSize[1];
    }
    return result;
  }

  private DecodedKeypoints decodeGaussian(Heatmaps heatmaps) {
    DecodedKeypoints max = HeatmapMaximum.of(heatmaps);
    KeypointRefinement.darkUdp(max.keypoints(), heatmaps, blurKernelSize);
    return max;
  }

  private DecodedKeypoints decodeCombined(Heatmaps heatmaps) {
    int k = heatmaps.channels() / 3;
    int h = heatmaps.height();
    int w = heatmaps.width();
    Heatmaps classes = Heatmaps.zeros(k, h, w);
    int ks = 2 * blurKernelSize + 1;
    for (int j = 0; j < k; j++) {
      classes.setChannel(j, GaussianBlur.blur(heatmaps.channel(3 * j), ks));
    }
    DecodedKeypoints max = HeatmapMaximum.of(classes);
    double radius = radiusFactor * Math.max(w, h);
    int plane = h * w;
    for (int j = 0; j < k; j++) {
      float[] kp = max.keypoints()[j];
      // a (-1, -1) location wraps around like numpy's negative index into the flattened offsets
      int index = Math.floorMod((int) (kp[0] + kp[1] * w) + plane * j, k * plane);
      int c = index / plane;
      int pix = index % plane;
      kp[0] += (float) (heatmaps.data()[(3 * c + 1) * plane + pix] * radius);
      kp[1] += (float) (heatmaps.data()[(3 * c + 2) * plane + pix] * radius);
    }
    return max;
  }

  @Override
  public int[] inputSize() {
    return inputSize.clone();
  }

  @Override
  public int[] heatmapSize() {
    return heatmapSize.clone();
  }

  public HeatmapType heatmapType() {
    return heatmapType;
  }

  public double sigma() {
    return sigma;
  }

  public double radiusFactor() {
    return radiusFactor;
  }

  public int blurKernelSize() {
    return blurKernelSize;
  }
}
