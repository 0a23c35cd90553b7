package io.posekit.tfmodels.models.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.NdFloats;
import io.posekit.tfmodels.codecs.SimCCLabel;
import io.posekit.tfmodels.models.TorchParity;
import io.posekit.tfmodels.models.backbones.CSPNeXt;
import io.posekit.tfmodels.models.losses.KLDiscretLoss;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.weights.CheckpointLoader;
import io.posekit.tfmodels.weights.LoadReport;
import io.posekit.tfmodels.weights.StateDict;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A narrow RTMPose (MMPose's TopdownPoseEstimator with CSPNeXt and RTMCCHead, made by
 * rtmpose/make_rtmpose_fixtures.py with random weights, BN statistics and GAU parameters) loaded
 * strictly by MMPose's keys: the SimCC vectors equal MMPose's within 1e-4 relative, the keypoints
 * of {@code head.predict} without and with flip test ({@code flip_vectors}) within 1e-4 px, and the
 * parameter count is MMPose's. The second model has the relative position bias and RoPE on.
 */
class RTMCCHeadParityTest {
  static final int[] FLIP = {0, 2, 1, 4, 3};

  static TopdownPoseEstimator model(GauCfg gau, boolean flipTest) {
    CSPNeXt backbone = new CSPNeXt(CSPNeXt.Arch.P5, 0.167, 0.0625, new int[] {4}, -1, false, 0.5, null, new int[] {5, 9, 13},
        true, null, Map.of("type", "BN"), Map.of("type", "SiLU"), false, null);
    SimCCLabel codec = new SimCCLabel(new int[] {64, 96}, SimCCLabel.SmoothingType.GAUSSIAN, List.of(4.9, 5.66), 2.0, 0, false,
        false, false, 150);
    RTMCCHead head = new RTMCCHead(64, 5, new int[] {64, 96}, new int[] {2, 3}, 2.0, 7, gau,
        new KLDiscretLoss(10, true, 10, true, null, 1), Optional.of(codec), null);
    return new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(flipTest, TestCfg.FlipMode.HEATMAP, true, false), Optional.empty(), null);
  }

  static String fixture(String name) {
    try {
      return Path.of(RTMCCHeadParityTest.class.getResource("/io/posekit/tfmodels/models/rtmpose/" + name + ".pth").toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fixture's model weights: its state dict without the input and expected tensors. */
  static StateDict weights(String name) {
    StateDict weights = new StateDict();
    CheckpointLoader.readStateDict(fixture(name)).asMap().forEach((k, v) -> {
      if (!k.equals("input") && !k.startsWith("expected.")) {
        weights.put(k, v);
      }
    });
    return weights;
  }

  private static void assertMatchesMmpose(String name, GauCfg gau) {
    TorchParity torch = new TorchParity(RTMCCHeadParityTest.class, "/io/posekit/tfmodels/models/rtmpose/" + name + ".pth");
    StateDict weights = weights(name);
    float[] input = torch.nhwc("input").values();
    for (boolean flip : new boolean[] {false, true}) {
      TopdownPoseEstimator m = model(gau, flip);
      assertEquals((long) torch.nhwc("expected.parameter_count").values()[0], m.parameterCount(), name + " parameters");
      try (TopdownGraph g = m.buildInferenceGraph(2, 96, 64, FLIP, 0)) {
        LoadReport report = g.loadStateDict(weights, true, name);
        assertTrue(report.isClean(), report.toString());
        if (!flip) {
          List<List<NdFloats>> outputs = g.predictOutputs(input);
          float[] x = new float[2 * 5 * 128];
          float[] y = new float[2 * 5 * 192];
          for (int b = 0; b < 2; b++) {
            System.arraycopy(outputs.get(b).get(0).data(), 0, x, b * 640, 640);
            System.arraycopy(outputs.get(b).get(1).data(), 0, y, b * 960, 960);
          }
          double ex = torch.relativeError(x, "simcc_x");
          double ey = torch.relativeError(y, "simcc_y");
          assertTrue(ex <= 1e-4 && ey <= 1e-4, name + " simcc relative errors " + ex + ", " + ey);
        }
        List<DecodedKeypoints> decoded = g.predict(input);
        float[] want = torch.nhwc("expected." + (flip ? "flip_" : "") + "keypoints").values();
        float[] scores = torch.nhwc("expected." + (flip ? "flip_" : "") + "scores").values();
        for (int b = 0; b < 2; b++) {
          for (int k = 0; k < 5; k++) {
            for (int c = 0; c < 2; c++) {
              assertEquals(want[(b * 5 + k) * 2 + c], decoded.get(b).keypoints()[k][c], 1e-4,
                  name + (flip ? " flip" : "") + " keypoint " + b + "/" + k);
            }
            assertEquals(scores[b * 5 + k], decoded.get(b).scores()[k], 1e-4 * Math.max(1, Math.abs(scores[b * 5 + k])));
          }
        }
      }
    }
  }

  @Test
  void rtmposeGivesMmposeSimccAndKeypoints() {
    assertMatchesMmpose("rtmpose_tiny", new GauCfg(16, 8, 2, 0, 0, "SiLU", false, false));
  }

  @Test
  void relativeBiasAndRopeGiveMmposeSimccAndKeypoints() {
    assertMatchesMmpose("rtmpose_tiny_relbias_rope", new GauCfg(16, 8, 2, 0, 0, "ReLU", true, true));
  }
}
