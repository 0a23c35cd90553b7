package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.models.heads.TestCfg;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression: a ResNet with 8 base channels has a strided 1x1 downsample convolution with 8 input
 * channels, whose filter gradient TensorFlow 2.18's oneDNN kernel computes past its buffer (heap
 * corruption that killed the JVM a step or two later). Runs with oneDNN on, TensorFlow's default;
 * before the fix in {@code Conv2d} this test crashed the test JVM.
 */
class NarrowBackboneTrainingTest {
  private static final int B = 8;
  private static final int H = 64;
  private static final int W = 48;
  private static final int K = 17;

  @Test
  void aNarrowResNetTrainsForSeveralSteps() {
    MSRAHeatmap codec = new MSRAHeatmap(new int[] {W, H}, new int[] {12, 16}, 1.0, false, 11);
    ResNet backbone = new ResNet(18, 3, 8, 8, 4, new int[] {1, 2, 2, 1}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = new HeatmapHead(64, K, new int[] {32, 32}, new int[] {4, 4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0), Optional.of(codec), null);
    TopdownPoseEstimator model = new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false), Optional.empty(), null);
    SplittableRandom random = new SplittableRandom(5);
    float[] images = new float[B * H * W * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble(-1, 1);
    }
    float[] targets = new float[B * 16 * 12 * K];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = (float) random.nextDouble(0, 0.2);
    }
    float[] weights = new float[B * K];
    Arrays.fill(weights, 1f);
    int[] flip = new int[K];
    for (int k = 0; k < K; k++) {
      flip[k] = k;
    }
    try (TopdownGraph graph = model.buildGraph(B, H, W, flip, 11)) {
      float first = graph.trainStep(images, targets, weights, 1e-3);
      float last = first;
      for (int step = 0; step < 6; step++) {
        last = graph.trainStep(images, targets, weights, 1e-3);
      }
      assertTrue(Float.isFinite(last) && last < first, "loss " + first + " -> " + last);
    }
  }
}
