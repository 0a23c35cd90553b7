package io.posekit.tfmodels.codecs;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMPose's {@code RegressionLabel}: keypoints divided by the input size ({@code keypoint_labels}
 * (K, 2)), weight 1 for visible keypoints inside {@code [0, w-1] x [0, h-1]}, else 0. Decoding
 * scales (K, 2) coordinates back, scores 1; (K, 4) outputs (RLE's coordinates and sigmas) score
 * {@code mean(1 - sigma)}.
 */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class RegressionLabel implements KeypointCodec {
  private final int[] inputSize;

  public RegressionLabel(int[] inputSize) {
    this.inputSize = MSRAHeatmap.checkSize("input_size", inputSize);
  }

  @Override
  public EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    int k = keypoints.length;
    int w = inputSize[0];
    int h = inputSize[1];
    float[] labels = new float[k * 2];
    float[] weights = new float[k];
    for (int i = 0; i < k; i++) {
      float x = keypoints[i][0];
      float y = keypoints[i][1];
      boolean visible = keypointsVisible == null || keypointsVisible[i] > 0.5f;
      weights[i] = visible && x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1 ? 1f : 0f;
      // numpy divides in float64, then casts the labels to float32
      labels[2 * i] = (float) ((double) x / w);
      labels[2 * i + 1] = (float) ((double) y / h);
    }
    Map<String, NdFloats> f = new LinkedHashMap<>();
    f.put(EncodedTargets.KEYPOINT_LABELS, NdFloats.of(labels, k, 2));
    f.put(EncodedTargets.KEYPOINT_WEIGHTS, NdFloats.of(weights, k));
    return new EncodedTargets(f);
  }

  @Override
  public DecodedKeypoints decode(List<NdFloats> outputs) {
    if (outputs.size() != 1 || outputs.get(0).rank() != 2) {
      throw new IllegalArgumentException("RegressionLabel decodes one (K, 2) or (K, 4) array, got " + outputs);
    }
    NdFloats encoded = outputs.get(0);
    int k = (int) encoded.size(0);
    int d = (int) encoded.size(1);
    if (d != 2 && d != 4) {
      throw new IllegalArgumentException("Keypoint dimension should be 2 or 4 (with sigma), but got " + d);
    }
    float[] v = encoded.data();
    float[][] keypoints = new float[k][2];
    float[] scores = new float[k];
    for (int i = 0; i < k; i++) {
      keypoints[i][0] = (float) ((double) v[i * d] * inputSize[0]);
      keypoints[i][1] = (float) ((double) v[i * d + 1] * inputSize[1]);
      // float32 as numpy: (1 - sigma).mean(axis=-1)
      scores[i] = d == 2 ? 1f : ((1f - v[i * d + 2]) + (1f - v[i * d + 3])) / 2f;
    }
    return new DecodedKeypoints(keypoints, scores);
  }

  @Override
  public int[] inputSize() {
    return inputSize.clone();
  }
}
