package io.posekit.runtime.check;

import io.posekit.runtime.pose.PoseBatch;
import io.posekit.runtime.pose.TopdownModel;
import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.EncodedTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code check --dry-run}: one train step and one predict of a built model on random input of the
 * config's input size (the codec's {@code input_size}), so no data is read: a batch of random
 * BGR images, random values for every target field the head's loss reads (heatmaps, SimCC labels,
 * ...) in the graph's shapes and keypoint weights of one, through the optimizer wrapper the graph
 * was built for.
 */
final class DryRun {
  private DryRun() {}

  /** Null when both ran and gave finite numbers; else what went wrong. */
  static String step(BuildWithoutData.Built built, long seed) {
    TopdownModel model = built.model();
    int[] input = model.codec().inputSize();
    int k = model.numKeypoints();
    SplittableRandom random = new SplittableRandom(seed);
    float[] images = new float[input[0] * input[1] * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextInt(256);
    }
    Map<String, float[]> targets = new LinkedHashMap<>();
    model.graph().targetDims().forEach((name, shape) -> {
      float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, c) -> a * c)];
      for (int i = 0; i < values.length; i++) {
        values[i] = name.equals(EncodedTargets.KEYPOINT_WEIGHTS) ? 1f : (float) random.nextDouble();
      }
      targets.put(name, values);
    });
    model.setTraining(true);
    Map<String, Double> losses = model.trainStep(new PoseBatch(List.of(), images, targets), built.optimWrapper());
    for (Map.Entry<String, Double> loss : losses.entrySet()) {
      if (!Double.isFinite(loss.getValue())) {
        return "the train step's " + loss.getKey() + " is " + loss.getValue();
      }
    }
    model.setTraining(false);
    List<DecodedKeypoints> predicted = model.graph().predict(images);
    if (predicted.size() != 1 || predicted.get(0).keypoints().length != k) {
      return "predict gave " + predicted.size() + " results for one image, the first with "
          + (predicted.isEmpty() ? 0 : predicted.get(0).keypoints().length) + " keypoints; the model has " + k;
    }
    for (float[] xy : predicted.get(0).keypoints()) {
      if (!Float.isFinite(xy[0]) || !Float.isFinite(xy[1])) {
        return "predict gave a keypoint at (" + xy[0] + ", " + xy[1] + ")";
      }
    }
    return null;
  }
}
