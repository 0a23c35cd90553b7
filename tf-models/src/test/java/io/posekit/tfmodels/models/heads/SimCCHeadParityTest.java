package io.posekit.tfmodels.models.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.TorchParity;
import io.posekit.tfmodels.models.losses.KLDiscretLoss;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link SimCCHead} against MMPose's own (fixtures by rtmpose/make_simcc_head_fixtures.py): with
 * two deconvolutions (its inner HeatmapHead) and without (a 1x1 final conv), loaded by MMPose's
 * keys, the SimCC vectors equal MMPose's within 1e-4 relative, with its parameter counts.
 */
class SimCCHeadParityTest {
  private static void assertMatchesMmpose(String fixture, SimCCHead head) {
    TorchParity torch = new TorchParity(SimCCHeadParityTest.class, "/io/posekit/tfmodels/models/rtmpose/" + fixture + ".pth");
    List<float[]> outs = torch.run("", (ctx, x) -> head.forward(ctx, List.of(x)));
    assertTrue(torch.relativeError(outs.get(0), "simcc_x") <= 1e-4, fixture + " x " + torch.relativeError(outs.get(0), "simcc_x"));
    assertTrue(torch.relativeError(outs.get(1), "simcc_y") <= 1e-4, fixture + " y " + torch.relativeError(outs.get(1), "simcc_y"));
    assertEquals((long) torch.nhwc("expected.parameter_count").values()[0], head.parameterCount(), fixture + " parameters");
  }

  private static KLDiscretLoss kl() {
    return new KLDiscretLoss(1, false, 10, true, null, 1);
  }

  @Test
  void withDeconvolutionsGivesMmposeVectors() {
    assertMatchesMmpose("simcc_head_deconv", new SimCCHead(8, 5, new int[] {32, 48}, new int[] {2, 3}, 2.0, "heatmap",
        new int[] {6, 6}, new int[] {4, 4}, new int[] {16, 16}, null, null, new FinalLayer(1, 0), kl(), Optional.empty(), null));
  }

  @Test
  void withoutDeconvolutionsGivesMmposeVectors() {
    assertMatchesMmpose("simcc_head_plain", new SimCCHead(8, 5, new int[] {32, 48}, new int[] {2, 3}, 3.0, "heatmap",
        null, new int[] {4, 4, 4}, new int[] {16, 16, 16}, null, null, new FinalLayer(1, 0), kl(), Optional.empty(), null));
  }
}
