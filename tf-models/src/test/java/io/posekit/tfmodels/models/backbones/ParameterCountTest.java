package io.posekit.tfmodels.models.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.ParameterStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** MMPose's COCO 256x192 top-down configs: parameter counts as PyTorch reports them. */
class ParameterCountTest {
  static HRNetExtra hrnetW32() {
    return new HRNetExtra(
        new HRNetStage(1, 1, HRNetStage.Block.BOTTLENECK, new int[] {4}, new int[] {64}, null),
        new HRNetStage(1, 2, HRNetStage.Block.BASIC, new int[] {4, 4}, new int[] {32, 64}, null),
        new HRNetStage(4, 3, HRNetStage.Block.BASIC, new int[] {4, 4, 4}, new int[] {32, 64, 128}, null),
        new HRNetStage(3, 4, HRNetStage.Block.BASIC, new int[] {4, 4, 4, 4}, new int[] {32, 64, 128, 256}, null));
  }

  static HeatmapHead head(int in, int[] deconv) {
    return new HeatmapHead(in, 17, deconv, deconv.length == 0 ? null : new int[] {4, 4, 4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0), Optional.empty(), null);
  }

  /** Builds the network on a 1x256x192x3 placeholder and returns the store and output. */
  private static long graphCount(Backbone backbone, HeatmapHead head, int[] expectedHeatmap) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore(0);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 256, 192, 3)));
      GraphContext ctx = GraphContext.root(tf, store, true);
      List<Operand<TFloat32>> feats = backbone.apply(ctx.child("backbone"), x);
      var heatmaps = head.forward(ctx.child("head"), feats);
      assertEquals(Shape.of(1, expectedHeatmap[0], expectedHeatmap[1], 17), heatmaps.get(0).shape());
      return store.parameterCount();
    }
  }

  @Test
  void hrnetW32TopdownHasMmposeParameterCount() {
    HRNet backbone = new HRNet(hrnetW32(), 3, false, -1, null);
    HeatmapHead head = head(32, new int[0]);
    assertEquals(28_536_113L, backbone.parameterCount() + head.parameterCount());
    assertEquals(28_536_113L, graphCount(backbone, head, new int[] {64, 48}));
  }

  @Test
  void resnet50SimpleBaselineHasMmposeParameterCount() {
    ResNet backbone = new ResNet(50, 3, 64, 64, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = head(2048, new int[] {256, 256, 256});
    assertEquals(33_999_697L, backbone.parameterCount() + head.parameterCount());
    assertEquals(33_999_697L, graphCount(backbone, head, new int[] {64, 48}));
  }

  @Test
  void resnetDepthsAndV1dBuildWithTorchvisionCounts() {
    // torchvision's counts minus the 1000-way classifier (fc: 512*1000+1000 or 2048*1000+1000)
    assertEquals(11_689_512L - 513_000L, resnet(18).parameterCount());
    assertEquals(21_797_672L - 513_000L, resnet(34).parameterCount());
    assertEquals(44_549_160L - 2_049_000L, resnet(101).parameterCount());
    assertEquals(60_192_808L - 2_049_000L, resnet(152).parameterCount());
    ResNetV1d v1d = new ResNetV1d(50, 3, 64, 64, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, -1, false, true, null);
    // deep stem 3->32->32->64 instead of the 7x7 conv: +(864+64+9216+64+18432+128) - (9408+128)
    assertTrue(v1d.parameterCount() > resnet(50).parameterCount());
    assertEquals(resnet(50).parameterCount() + 864 + 64 + 9216 + 64 + 18432 + 128 - 9408 - 128, v1d.parameterCount());
  }

  private static ResNet resnet(int depth) {
    return new ResNet(depth, 3, 64, 64, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
  }

  /** The backbones the configs build, at full size: MMPose's counts printed by make_fixtures.py (sum of p.numel()). */
  @Test
  void configBackbonesHaveMmposeParameterCounts() {
    int[] s = {1, 2, 2, 2};
    int[] d = {1, 1, 1, 1};
    int[] o = {3};
    ResNet.Style py = ResNet.Style.PYTORCH;
    assertEquals(26_039_024L, new SEResNet(50, 16, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(47_277_872L, new SEResNet(101, 16, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(64_772_848L, new SEResNet(152, 16, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(22_979_904L, new ResNeXt(50, 32, 4, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(42_128_704L, new ResNeXt(101, 32, 4, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(57_902_400L, new ResNeXt(152, 32, 4, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(23_515_584L, new SCNet(50, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(42_516_416L, new SCNet(101, 3, 64, 64, 4, s, d, o, py, false, false, -1, false, true, null).parameterCount());
    assertEquals(25_434_240L, resnest(50).parameterCount());
    assertEquals(46_121_472L, resnest(101).parameterCount());
    assertEquals(68_048_000L, resnest(200).parameterCount());
    assertEquals(108_775_936L, resnest(269).parameterCount());
    assertEquals(904_728L, new ShuffleNetV1(3, 1.0, new int[] {2}, -1, null, java.util.Map.of("type", "BN"),
        java.util.Map.of("type", "ReLU"), false, false, null).parameterCount());
    ShuffleNetV2 v2 = new ShuffleNetV2(1.0, new int[] {0, 1, 2, 3}, -1, null, java.util.Map.of("type", "BN"),
        java.util.Map.of("type", "ReLU"), false, false, null);
    assertEquals(1_253_604L, v2.parameterCount());
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 256, 192, 3)));
      ParameterStore store = new ParameterStore(0);
      List<Operand<TFloat32>> outs = v2.apply(GraphContext.root(tf, store, false), x);
      assertEquals(List.of(Shape.of(1, 32, 24, 116), Shape.of(1, 16, 12, 232), Shape.of(1, 8, 6, 464),
          Shape.of(1, 8, 6, 1024)), outs.stream().map(Operand::shape).toList());
      assertEquals(1_253_604L, store.parameterCount());
    }
    assertEquals(865_230L, new MobileNetV3(MobileNetV3.Arch.SMALL, null, java.util.Map.of("type", "BN"), new int[] {-1},
        -1, false, false, null).parameterCount());
    assertEquals(2_479_006L, new MobileNetV3(MobileNetV3.Arch.BIG, null, java.util.Map.of("type", "BN"), new int[] {-1},
        -1, false, false, null).parameterCount());
    assertEquals(5_884_348L, new ViPNAS_MobileNetV3(new int[] {16, 16, 24, 40, 80, 112, 160},
        java.util.Arrays.asList(null, 1, 5, 4, 5, 5, 6), java.util.Arrays.asList(null, 1, 4, 4, 4, 4, 4), new int[] {3, 3, 7, 7, 5, 7, 5},
        java.util.Arrays.asList(null, 8, 120, 20, 100, 280, 240), java.util.Arrays.asList(null, true, true, false, true, true, true),
        new int[] {2, 1, 2, 2, 2, 1, 2}, new String[] {"HSwish", "ReLU", "ReLU", "ReLU", "HSwish", "HSwish", "HSwish"},
        null, java.util.Map.of("type", "BN"), -1, false, false, null).parameterCount());
    assertEquals(2_223_872L, new MobileNetV2(1.0, new int[] {7}, -1, null, java.util.Map.of("type", "BN"),
        java.util.Map.of("type", "ReLU6"), false, false, null).parameterCount());
  }

  private static ResNeSt resnest(int depth) {
    return new ResNeSt(depth, 1, 4, 2, 4, true, 3, 64, 64, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, -1, false, true, null);
  }
}
