package io.posekit.tfmodels.models.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.TorchParity;
import io.posekit.tfmodels.models.layers.ActCfg;
import io.posekit.tfmodels.models.layers.NormCfg;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Sequential;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each backbone against MMPose's own class (fixtures made by make_fixtures.py beside them in the
 * test resources): a narrow version of the configs' backbone with random weights and BN
 * statistics, loaded by MMPose's state-dict keys, gives MMPose's eval-mode outputs (every one of
 * its {@code out_indices}) within 1e-4 relative, with MMPose's parameter count.
 */
class BackboneParityTest {
  private static void assertMatchesMmpose(String fixture, Backbone backbone, int outputs) {
    TorchParity torch = new TorchParity(BackboneParityTest.class, fixture + ".pth");
    List<float[]> outs = torch.run("", backbone::apply);
    assertEquals(outputs, outs.size());
    for (int i = 0; i < outs.size(); i++) {
      double err = torch.relativeError(outs.get(i), Integer.toString(i));
      assertTrue(err <= 1e-4, fixture + " output " + i + ": relative error " + err);
    }
    assertEquals(torch.parameterCount(""), backbone.parameterCount(), fixture + " parameters");
  }

  @Test
  void seresnetGivesMmposeOutputs() {
    assertMatchesMmpose("seresnet_tiny", new SEResNet(50, 4, 3, 8, 2, 3, new int[] {1, 2, 2}, new int[] {1, 1, 1},
        new int[] {0, 1, 2}, ResNet.Style.PYTORCH, false, false, -1, false, true, null), 3);
  }

  @Test
  void resnextGivesMmposeOutputs() {
    assertMatchesMmpose("resnext_tiny", new ResNeXt(50, 2, 2, 3, 8, 2, 3, new int[] {1, 2, 2}, new int[] {1, 1, 1},
        new int[] {1, 2}, ResNet.Style.PYTORCH, false, false, -1, false, true, null), 2);
  }

  @Test
  void scnetGivesMmposeOutputs() {
    // 64x88 input: the self-calibration's pooled maps upsample by non-integer factors in width
    assertMatchesMmpose("scnet_tiny", new SCNet(50, 3, 8, 4, 3, new int[] {1, 2, 2}, new int[] {1, 1, 1},
        new int[] {0, 2}, ResNet.Style.PYTORCH, false, false, -1, false, true, null), 2);
  }

  @Test
  void resnestGivesMmposeOutputs() {
    // 40x56 input: odd maps for the 3x3 stride pooling and the ceil-mode shortcut pooling
    assertMatchesMmpose("resnest_tiny", new ResNeSt(50, 2, 2, 2, 4, true, 3, 8, 4, 3, new int[] {1, 2, 2},
        new int[] {1, 1, 1}, new int[] {1, 2}, ResNet.Style.PYTORCH, -1, false, true, null), 2);
  }

  @Test
  void shufflenetV1GivesMmposeOutputs() {
    // groups 2 at a quarter width; the file holds float16 weights, the reference was computed from them
    assertMatchesMmpose("shufflenetv1_tiny", new ShuffleNetV1(2, 0.25, new int[] {0, 1, 2}, -1, null,
        Map.of("type", "BN"), Map.of("type", "ReLU"), false, false, null), 3);
  }

  @Test
  void shufflenetV2UnitsGiveMmposeOutputs() {
    // ShuffleNetV2's widths are fixed and large: its two units (stride 2, then 1), narrow, in sequence;
    // the backbone around them is checked by its count and output shapes
    NormCfg bn = NormCfg.bn();
    ActCfg relu = ActCfg.of("ReLU");
    Layer units = Sequential.of(new ShuffleV2Block(8, 16, 2, bn, relu), new ShuffleV2Block(16, 16, 1, bn, relu));
    TorchParity torch = new TorchParity(BackboneParityTest.class, "shufflenetv2_units.pth");
    float[] out = torch.run("", (ctx, x) -> List.of(units.apply(ctx, x))).get(0);
    double err = torch.relativeError(out, "0");
    assertTrue(err <= 1e-4, "relative error " + err);
    assertEquals(torch.parameterCount(""), units.parameterCount());
  }

  @Test
  void vipnasMobilenetV3GivesMmposeOutputs() {
    // narrow: grouped 3x3s of 2 and 4 channels a group, a depthwise 5x5, SE with HSigmoid, a stage without expansion
    assertMatchesMmpose("vipnas_mbv3_tiny", new ViPNAS_MobileNetV3(new int[] {8, 8, 8, 16},
        java.util.Arrays.asList(null, 1, 2, 2), java.util.Arrays.asList(null, 1, 2, 1), new int[] {3, 3, 5, 3},
        java.util.Arrays.asList(null, 4, 16, 8), java.util.Arrays.asList(null, true, false, true), new int[] {2, 1, 2, 2},
        new String[] {"HSwish", "ReLU", "ReLU", "HSwish"}, null, Map.of("type", "BN"), -1, false, false, null), 1);
  }

  @Test
  void mobilenetV2GivesMmposeOutputs() {
    assertMatchesMmpose("mobilenetv2_tiny", new MobileNetV2(0.1, new int[] {3, 7}, -1, null, Map.of("type", "BN"),
        Map.of("type", "ReLU6"), false, false, null), 2);
  }
}
