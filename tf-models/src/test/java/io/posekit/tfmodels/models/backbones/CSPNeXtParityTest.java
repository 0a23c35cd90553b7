package io.posekit.tfmodels.models.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.TorchParity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CSPNeXt} against MMPose's own class (fixtures by rtmpose/make_fixtures.py): narrow P5
 * (channel attention, SPP, SiLU, BN momentum 0.03 eps 1e-3) and P6 (depthwise-separable, no
 * attention, ReLU, plain BN, the stem among the outputs) load MMPose's state dicts and give its
 * eval-mode outputs within 1e-4 relative, with its parameter counts.
 */
class CSPNeXtParityTest {
  private static void assertMatchesMmpose(String fixture, Backbone backbone, int outputs) {
    TorchParity torch = new TorchParity(CSPNeXtParityTest.class, "/io/posekit/tfmodels/models/rtmpose/" + fixture + ".pth");
    List<float[]> outs = torch.run("", backbone::apply);
    assertEquals(outputs, outs.size());
    for (int i = 0; i < outs.size(); i++) {
      double err = torch.relativeError(outs.get(i), Integer.toString(i));
      assertTrue(err <= 1e-4, fixture + " output " + i + ": relative error " + err);
    }
    assertEquals((long) torch.nhwc("expected.parameter_count").values()[0], backbone.parameterCount(), fixture + " parameters");
  }

  @Test
  void p5GivesMmposeOutputs() {
    assertMatchesMmpose("cspnext_p5", new CSPNeXt(CSPNeXt.Arch.P5, 0.167, 0.0625, new int[] {2, 3, 4}, -1, false, 0.5, null,
        new int[] {5, 9, 13}, true, null, Map.of("type", "BN", "momentum", 0.03, "eps", 0.001), Map.of("type", "SiLU"),
        false, null), 3);
  }

  @Test
  void p6DepthwiseGivesMmposeOutputs() {
    assertMatchesMmpose("cspnext_p6_dw", new CSPNeXt(CSPNeXt.Arch.P6, 0.33, 0.0625, new int[] {0, 1, 5}, -1, true, 0.5, null,
        new int[] {5, 9, 13}, false, null, Map.of("type", "SyncBN"), Map.of("type", "ReLU"), false, null), 3);
  }
}
