package io.posekit.runtime.pose;

import io.posekit.tfmodels.codecs.Heatmaps;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.List;

/**
 * A collated batch of packed top-down samples, in the layouts the TensorFlow graph feeds: images
 * {@code [B, h, w, 3]} (BGR bytes as floats; normalisation and channel order are the data
 * preprocessor's, inside the graph), heatmaps {@code [B, hh, hw, K]} and keypoint weights
 * {@code [B, K]}. The graph has a fixed batch size, so a short last batch is padded with zero
 * images whose keypoint weights are zero; {@link #size()} counts the real samples.
 */
public record PoseBatch(List<PoseSample> samples, float[] images, float[] heatmaps, float[] keypointWeights) {

  public int size() {
    return samples.size();
  }

  /**
   * Collates {@code samples} (at most {@code batchSize}) into a batch of {@code batchSize}.
   * {@code withTargets} also stacks the heatmaps and weights {@code GenerateTarget} made; a val batch
   * has none.
   */
  public static PoseBatch collate(List<PoseSample> samples, int batchSize, int[] inputSize, int[] heatmapSize,
      int numKeypoints, boolean withTargets) {
    if (samples.isEmpty() || samples.size() > batchSize) {
      throw new IllegalArgumentException("a batch holds 1 to " + batchSize + " samples, got " + samples.size());
    }
    int w = inputSize[0];
    int h = inputSize[1];
    float[] images = new float[batchSize * h * w * 3];
    int hw = heatmapSize[0];
    int hh = heatmapSize[1];
    float[] heatmaps = withTargets ? new float[batchSize * hh * hw * numKeypoints] : new float[0];
    float[] weights = withTargets ? new float[batchSize * numKeypoints] : new float[0];
    for (int b = 0; b < samples.size(); b++) {
      PoseSample s = samples.get(b);
      ImageArray img = s.inputs;
      if (img == null || s.dataSample == null) {
        throw new IllegalArgumentException("sample img_id=" + s.imgId + " was not packed (PackPoseInputs must end the pipeline)");
      }
      if (img.height() != h || img.width() != w || img.channels() != 3) {
        throw new IllegalArgumentException("sample img_id=" + s.imgId + ": input is " + img.height() + "x" + img.width()
            + "x" + img.channels() + ", the model takes " + h + "x" + w + "x3 (TopdownAffine input_size)");
      }
      byte[] data = img.data();
      int base = b * h * w * 3;
      for (int i = 0; i < data.length; i++) {
        images[base + i] = data[i] & 0xff;
      }
      if (withTargets) {
        putTargets(s, b, hh, hw, numKeypoints, heatmaps, weights);
      }
    }
    return new PoseBatch(List.copyOf(samples), images, heatmaps, weights);
  }

  /** CHW heatmaps of one sample into the NHWC batch. */
  private static void putTargets(PoseSample s, int b, int hh, int hw, int k, float[] heatmaps, float[] weights) {
    Heatmaps hm = s.heatmaps;
    if (hm == null || s.keypointWeights == null) {
      throw new IllegalArgumentException("sample img_id=" + s.imgId + " has no training targets: add GenerateTarget to the train pipeline");
    }
    float[] sampleWeights = s.keypointWeights[0];
    if (hm.channels() != k || hm.height() != hh || hm.width() != hw || sampleWeights.length != k) {
      throw new IllegalArgumentException("sample img_id=" + s.imgId + ": targets are " + hm.channels() + "x" + hm.height()
          + "x" + hm.width() + ", the model predicts " + k + "x" + hh + "x" + hw + " (codec heatmap_size)");
    }
    int base = b * hh * hw * k;
    for (int y = 0; y < hh; y++) {
      for (int x = 0; x < hw; x++) {
        for (int c = 0; c < k; c++) {
          heatmaps[base + (y * hw + x) * k + c] = hm.get(c, y, x);
        }
      }
    }
    System.arraycopy(sampleWeights, 0, weights, b * k, k);
  }
}
