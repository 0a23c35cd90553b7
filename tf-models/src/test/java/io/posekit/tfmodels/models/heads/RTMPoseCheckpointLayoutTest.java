package io.posekit.tfmodels.models.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.TorchParity;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.LoadReport;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.TorchCheckpointWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTMPose checkpoints as EMA training saves them load strictly and predict with the averaged
 * weights: MMEngine's {@code EMAHook} layout ({@code state_dict} the average, {@code ema_state_dict}
 * the raw weights under {@code module.} plus {@code steps}, {@code meta}) and MMCV 1.x's
 * ({@code ema_<name>} buffers beside the weights in {@code state_dict}).
 */
class RTMPoseCheckpointLayoutTest {
  @TempDir
  Path dir;

  private float[] predicted(Path checkpoint) {
    try (TopdownGraph g = RTMCCHeadParityTest.model(new GauCfg(16, 8, 2, 0, 0, "SiLU", false, false), false)
        .buildInferenceGraph(2, 96, 64, RTMCCHeadParityTest.FLIP, 0)) {
      LoadReport report = g.loadCheckpoint(checkpoint.toString(), true);
      assertTrue(report.isClean(), report.toString());
      TorchParity torch = new TorchParity(RTMCCHeadParityTest.class, "/io/posekit/tfmodels/models/rtmpose/rtmpose_tiny.pth");
      return g.predictOutputs(torch.nhwc("input").values()).get(1).get(0).data();
    }
  }

  @Test
  void emaCheckpointsLoadTheAveragedWeights() throws IOException {
    StateDict average = RTMCCHeadParityTest.weights("rtmpose_tiny");
    Map<String, Object> raw = new LinkedHashMap<>();
    Map<String, Object> mmcvState = new LinkedHashMap<>();
    average.asMap().forEach((k, v) -> {
      float[] shifted = v.values().clone();
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] += 0.25f; // the raw weights differ from the average
      }
      raw.put("module." + k, new FloatArray(v.shape(), shifted));
      mmcvState.put(k, v);
      mmcvState.put("ema_" + k.replace('.', '_'), new FloatArray(v.shape(), shifted));
    });
    raw.put("steps", FloatArray.scalar(100));
    Path mmengine = dir.resolve("mmengine_ema.pth");
    TorchCheckpointWriter.save(Map.of("meta", Map.of("epoch", 420), "state_dict", average, "ema_state_dict", raw), mmengine);
    Path mmcv = dir.resolve("mmcv_ema.pth");
    TorchCheckpointWriter.save(Map.of("state_dict", mmcvState), mmcv);
    Path plain = dir.resolve("plain.pth");
    TorchCheckpointWriter.save(Map.of("state_dict", average), plain);
    assertTrue(Files.size(mmengine) > Files.size(plain));
    float[] want = predicted(plain);
    assertArrayEquals(want, predicted(mmengine));
    assertArrayEquals(want, predicted(mmcv));
  }
}
