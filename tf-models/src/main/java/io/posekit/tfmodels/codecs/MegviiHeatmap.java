package io.posekit.tfmodels.codecs;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;

/**
 * MMPose's {@code MegviiHeatmap} (MSPN/RSN): a one-hot pixel blurred by OpenCV's Gaussian of
 * {@code kernel_size}, scaled so its peak is 255; decoding blurs the prediction (DARK's
 * {@code gaussian_blur}), takes the maximum, moves it a quarter pixel towards the higher neighbour
 * plus half a pixel (inside a one-pixel margin), and maps the score to {@code max / 255 + 0.5}.
 */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class MegviiHeatmap implements HeatmapCodec {
  private final int[] inputSize;
  private final int[] heatmapSize;
  private final int kernelSize;
  private final float scaleX;
  private final float scaleY;

  public MegviiHeatmap(int[] inputSize, int[] heatmapSize, int kernelSize) {
    this.inputSize = MSRAHeatmap.checkSize("input_size", inputSize);
    this.heatmapSize = MSRAHeatmap.checkSize("heatmap_size", heatmapSize);
    if (kernelSize <= 0 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException("kernel_size must be odd and positive (OpenCV's Gaussian), got " + kernelSize);
    }
    this.kernelSize = kernelSize;
    this.scaleX = (float) inputSize[0] / heatmapSize[0];
    this.scaleY = (float) inputSize[1] / heatmapSize[1];
  }

  @Override
  public EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    int k = keypoints.length;
    int w = heatmapSize[0];
    int h = heatmapSize[1];
    float[] visible = keypointsVisible == null ? MSRAHeatmap.ones(k) : keypointsVisible;
    // MMPose copies the visibilities: a skipped keypoint keeps its visibility as weight
    float[] weights = visible.clone();
    Heatmaps heatmaps = Heatmaps.zeros(k, h, w);
    for (int i = 0; i < k; i++) {
      if (visible[i] < 0.5f) {
        continue;
      }
      // astype(int64) truncates towards zero, so (-0.5, y) lands on column 0
      long kx = (long) (keypoints[i][0] / scaleX);
      long ky = (long) (keypoints[i][1] / scaleY);
      if (kx < 0 || kx >= w || ky < 0 || ky >= h) {
        weights[i] = 0f;
        continue;
      }
      float[][] map = new float[h][w];
      map[(int) ky][(int) kx] = 1f;
      float[][] blurred = GaussianBlur.blur(map, kernelSize);
      float peak = blurred[(int) ky][(int) kx];
      for (float[] row : blurred) {
        for (int x = 0; x < w; x++) {
          row[x] = row[x] / peak * 255f;
        }
      }
      heatmaps.setChannel(i, blurred);
    }
    return EncodedTargets.of(heatmaps, weights);
  }

  @Override
  public DecodedKeypoints decode(Heatmaps heatmaps) {
    GaussianBlur.modulate(heatmaps, kernelSize);
    DecodedKeypoints max = HeatmapMaximum.of(heatmaps);
    float[][] keypoints = max.keypoints();
    int w = heatmaps.width();
    int h = heatmaps.height();
    for (int c = 0; c < keypoints.length; c++) {
      int px = (int) keypoints[c][0];
      int py = (int) keypoints[c][1];
      if (1 < px && px < w - 1 && 1 < py && py < h - 1) {
        keypoints[c][0] += (float) (Math.signum(heatmaps.get(c, py, px + 1) - heatmaps.get(c, py, px - 1)) * 0.25 + 0.5);
        keypoints[c][1] += (float) (Math.signum(heatmaps.get(c, py + 1, px) - heatmaps.get(c, py - 1, px)) * 0.25 + 0.5);
      }
      keypoints[c][0] *= scaleX;
      keypoints[c][1] *= scaleY;
    }
    float[] scores = max.scores();
    for (int c = 0; c < scores.length; c++) {
      scores[c] = (float) (scores[c] / 255.0 + 0.5);
    }
    return new DecodedKeypoints(keypoints, scores);
  }

  @Override
  public int[] inputSize() {
    return inputSize.clone();
  }

  @Override
  public int[] heatmapSize() {
    return heatmapSize.clone();
  }

  public int kernelSize() {
    return kernelSize;
  }
}
