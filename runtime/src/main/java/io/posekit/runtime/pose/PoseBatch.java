package io.posekit.runtime.pose;

import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.NdFloats;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collated batch of packed top-down samples, in the layouts the TensorFlow graph feeds: images
 * {@code [B, h, w, 3]} (BGR bytes as floats; normalisation and channel order are the data
 * preprocessor's, inside the graph) and each codec field the head's loss reads, stacked over the
 * batch in MMPose's layout ({@code heatmaps} {@code [B, K, H, W]}, {@code keypoint_weights}
 * {@code [B, K]}, {@code keypoint_x_labels} {@code [B, K, Wx]}, ...). The graph has a fixed batch
 * size, so a short last batch is padded with zero images and zero targets (keypoint weights zero);
 * {@link #size()} counts the real samples.
 */
public record PoseBatch(List<PoseSample> samples, float[] images, Map<String, float[]> targets) {

  public int size() {
    return samples.size();
  }

  /**
   * Collates {@code samples} (at most {@code batchSize}) into a batch of {@code batchSize}.
   * {@code targetShapes} (the graph's, batch first) names the codec fields {@code GenerateTarget}
   * made that are stacked; a val batch passes none.
   */
  public static PoseBatch collate(List<PoseSample> samples, int batchSize, int[] inputSize, Map<String, long[]> targetShapes) {
    if (samples.isEmpty() || samples.size() > batchSize) {
      throw new IllegalArgumentException("a batch holds 1 to " + batchSize + " samples, got " + samples.size());
    }
    int w = inputSize[0];
    int h = inputSize[1];
    float[] images = new float[batchSize * h * w * 3];
    Map<String, float[]> targets = new LinkedHashMap<>();
    targetShapes.forEach((name, shape) -> {
      long perSample = 1;
      for (int d = 1; d < shape.length; d++) {
        perSample *= shape[d];
      }
      targets.put(name, new float[batchSize * (int) perSample]);
    });
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
      if (!targetShapes.isEmpty()) {
        putTargets(s, b, targetShapes, targets);
      }
    }
    return new PoseBatch(List.copyOf(samples), images, targets);
  }

  /** One sample's codec fields into the batch. */
  private static void putTargets(PoseSample s, int b, Map<String, long[]> targetShapes, Map<String, float[]> targets) {
    EncodedTargets t = s.targets;
    if (t == null) {
      throw new IllegalArgumentException("sample img_id=" + s.imgId + " has no training targets: add GenerateTarget to the train pipeline");
    }
    for (Map.Entry<String, long[]> e : targetShapes.entrySet()) {
      String name = e.getKey();
      if (!t.has(name)) {
        throw new IllegalArgumentException("sample img_id=" + s.imgId + ": the head's loss needs '" + name
            + "', the codec gave " + t.fields().keySet() + " (GenerateTarget's encoder)");
      }
      NdFloats field = t.get(name);
      long[] want = Arrays.copyOfRange(e.getValue(), 1, e.getValue().length);
      if (!Arrays.equals(field.shape(), want)) {
        throw new IllegalArgumentException("sample img_id=" + s.imgId + ": target '" + name + "' is "
            + Arrays.toString(field.shape()) + ", the model predicts " + Arrays.toString(want) + " (the codec's sizes)");
      }
      System.arraycopy(field.data(), 0, targets.get(name), b * field.data().length, field.data().length);
    }
  }
}
