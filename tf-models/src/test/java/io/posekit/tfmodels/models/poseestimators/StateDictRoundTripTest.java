package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.models.heads.TestCfg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.datapreprocessors.PoseDataPreprocessor;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.StateDictMismatchException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Export → import into a freshly built graph → the same predictions and the same next training step. */
class StateDictRoundTripTest {
  private static final int B = 2;
  private static final int H = 64;
  private static final int W = 48;
  private static final int K = 4;

  private static TopdownPoseEstimator model() {
    ResNet backbone = new ResNet(18, 3, 16, 16, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = new HeatmapHead(128, K, new int[] {32, 32, 32}, new int[] {4, 4, 4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0),
        Optional.of(new MSRAHeatmap(new int[] {W, H}, new int[] {16, 16}, 2.0, false, 11)), null);
    PoseDataPreprocessor pre = new PoseDataPreprocessor(List.of(123.675, 116.28, 103.53), List.of(58.395, 57.12, 57.375), true);
    return new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false), Optional.of(pre), null);
  }

  private static float[] random(int n, long seed, float scale) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextFloat() * scale;
    }
    return x;
  }

  private static void assertClose(StateDict expected, StateDict actual, double tol) {
    assertEquals(expected.keys(), actual.keys());
    for (String k : expected.keys()) {
      FloatArray e = expected.get(k);
      FloatArray a = actual.get(k);
      assertArrayEquals(e.shape(), a.shape(), k);
      for (int i = 0; i < e.values().length; i++) {
        assertEquals(e.values()[i], a.values()[i], tol, k + "[" + i + "]");
      }
    }
  }

  @Test
  void exportImportResumesExactly() {
    TopdownPoseEstimator model = model();
    float[] images = random(B * H * W * 3, 1, 255f);
    float[] targets = random(B * 16 * 16 * K, 2, 1f);
    float[] weights = new float[B * K];
    java.util.Arrays.fill(weights, 1f);
    float[] images2 = random(B * H * W * 3, 3, 255f);
    try (TopdownGraph a = model.buildGraph(B, H, W, null, 42); TopdownGraph b = model.buildGraph(B, H, W, null, 7)) {
      for (int i = 0; i < 3; i++) {
        a.trainStep(images, targets, weights, 1e-3);
      }
      StateDict weightsA = a.stateDict();
      StateDict optimA = a.optimizerStateDict();
      // MMPose's names and PyTorch's layouts and shapes
      assertArrayEquals(new long[] {16, 16, 3, 3}, weightsA.get("backbone.layer1.0.conv1.weight").shape());
      assertArrayEquals(new long[] {128, 32, 4, 4}, weightsA.get("head.deconv_layers.0.weight").shape());
      assertTrue(weightsA.contains("backbone.layer1.0.bn1.running_mean"));
      assertArrayEquals(new long[] {128, 32, 4, 4}, optimA.get("head.deconv_layers.0.weight.exp_avg_sq").shape());
      assertEquals(3f, optimA.get("step").values()[0]);
      assertEquals(2 * a.parameters().trainable().size() + 1, optimA.size());

      float[] before = b.predictHeatmaps(images2);
      b.loadStateDict(weightsA, true, "graph a");
      b.loadOptimizerStateDict(optimA, "graph a");
      assertEquals(3, b.step());
      float[] pa = a.predictHeatmaps(images2);
      float[] pb = b.predictHeatmaps(images2);
      assertTrue(Math.abs(before[0] - pb[0]) > 1e-6 || Math.abs(before[1] - pb[1]) > 1e-6, "graphs started equal");
      for (int i = 0; i < pa.length; i++) {
        assertEquals(pa[i], pb[i], 1e-6, "heatmap " + i);
      }
      float la = a.trainStep(images2, targets, weights, 1e-3);
      float lb = b.trainStep(images2, targets, weights, 1e-3);
      assertEquals(la, lb, 1e-6);
      assertClose(a.stateDict(), b.stateDict(), 1e-6);
      assertClose(a.optimizerStateDict(), b.optimizerStateDict(), 1e-6);
    }
  }

  @Test
  void inferenceGraphTakesATrainedStateAndPredictsTheSame() {
    TopdownPoseEstimator model = model();
    float[] images = random(B * H * W * 3, 1, 255f);
    float[] weights = new float[B * K];
    java.util.Arrays.fill(weights, 1f);
    try (TopdownGraph train = model.buildGraph(B, H, W, null, 42);
        TopdownGraph infer = model.buildInferenceGraph(B, H, W, null, 9)) {
      train.trainStep(images, random(B * 16 * 16 * K, 2, 1f), weights, 1e-3);
      infer.loadStateDict(train.stateDict(), true, "graph train");
      assertEquals(train.stateDict().keys(), infer.stateDict().keys());
      float[] a = train.predictHeatmaps(images);
      float[] b = infer.predictHeatmaps(images);
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-6, "heatmap " + i);
      }
      assertTrue(!infer.hasTraining() && infer.optimizerParameters().parameters().isEmpty());
      var e = assertThrows(IllegalStateException.class, () -> infer.trainStep(images, new float[B * 16 * 16 * K], weights, 1e-3));
      assertTrue(e.getMessage().contains("inference only"), e.getMessage());
    }
  }

  @Test
  void optimizerStateMustBeComplete() {
    try (TopdownGraph g = model().buildGraph(1, H, W, null, 0)) {
      StateDict full = g.optimizerStateDict();
      StateDict partial = new StateDict();
      full.asMap().forEach((k, v) -> {
        if (!k.equals("step") && !k.startsWith("head.final_layer.weight")) {
          partial.put(k, v);
        }
      });
      partial.put("backbone.extra.exp_avg", FloatArray.scalar(0));
      var e = assertThrows(StateDictMismatchException.class, () -> g.loadOptimizerStateDict(partial, "ckpt.pth"));
      String m = e.getMessage();
      assertTrue(m.contains("ckpt.pth") && m.contains("step") && m.contains("head.final_layer.weight.exp_avg_sq")
          && m.contains("backbone.extra.exp_avg"), m);
    }
  }
}
