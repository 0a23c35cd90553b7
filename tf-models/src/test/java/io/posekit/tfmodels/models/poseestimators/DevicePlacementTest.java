package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.models.heads.TestCfg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.Precision;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The config's {@code device}: names as MMEngine writes them, placement of every op, a clear failure for a missing GPU. */
class DevicePlacementTest {
  private static TopdownPoseEstimator model() {
    ResNet backbone = new ResNet(18, 3, 8, 4, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = new HeatmapHead(32, 17, new int[] {16}, new int[] {4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0),
        Optional.of(new MSRAHeatmap(new int[] {32, 32}, new int[] {4, 4}, 2.0, false, 11)), null);
    return new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false), Optional.empty(), null);
  }

  @Test
  void deviceNamesParseAsMmengineWritesThem() {
    assertNull(Device.parse(null, "device").spec());
    assertNull(Device.parse("auto", "device").spec());
    assertEquals("cpu", Device.parse("cpu", "device").name());
    assertEquals("cuda:0", Device.parse("cuda", "device").name());
    assertEquals("cuda:1", Device.parse("cuda:1", "device").name());
    assertTrue(Device.parse("cuda:1", "device").isGpu());
    var e = assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu", "device"));
    assertEquals("device: unknown device 'tpu': use 'cpu', 'cuda', 'cuda:N' or 'auto'", e.getMessage());
  }

  @Test
  void anExplicitCpuPlacementComputesWhatTheDefaultDoesAndAMissingGpuFails() {
    float[] images = new float[2 * 32 * 32 * 3];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) r.nextDouble(255);
    }
    float[] auto;
    float[] cpu;
    TopdownPoseEstimator model = model();
    try (TopdownGraph g = model.buildInferenceGraph(2, 32, 32, null, 5)) {
      auto = g.predictHeatmaps(images);
    }
    try (TopdownGraph g = model.buildInferenceGraph(2, 32, 32, null, 5, Precision.FLOAT32, Device.parse("cpu", "device"))) {
      cpu = g.predictHeatmaps(images);
    }
    assertArrayEquals(auto, cpu, "same seed, same weights, same ops: the CPU placement changes nothing here");
    // this machine (and CI) has no GPU: an explicit cuda device must fail, not fall back silently
    RuntimeException missing = assertThrows(RuntimeException.class, () -> {
      try (TopdownGraph g = model.buildInferenceGraph(2, 32, 32, null, 5, Precision.FLOAT32, Device.parse("cuda:0", "device"))) {
        g.predictHeatmaps(images);
      }
    });
    assertTrue(String.valueOf(missing.getMessage()).contains("GPU"), missing.toString());
  }
}
