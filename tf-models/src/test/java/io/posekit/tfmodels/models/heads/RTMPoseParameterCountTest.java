package io.posekit.tfmodels.models.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posekit.tfmodels.models.backbones.CSPNeXt;
import io.posekit.tfmodels.models.losses.KLDiscretLoss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * RTMPose-t and RTMPose-m of MMPose's COCO 256x192 configs: parameter counts as MMPose's
 * {@code init_model} reports them on this machine (3,337,007 and 13,587,611), both from the
 * modules' own count and from the variables of the built graph, whose outputs have the SimCC widths.
 */
class RTMPoseParameterCountTest {
  private static long graphCount(CSPNeXt backbone, RTMCCHead head) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore(0);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 256, 192, 3)));
      GraphContext ctx = GraphContext.root(tf, store, true);
      List<org.tensorflow.Operand<TFloat32>> out = head.forward(ctx.child("head"), backbone.apply(ctx.child("backbone"), x));
      assertEquals(Shape.of(1, 17, 384), out.get(0).shape());
      assertEquals(Shape.of(1, 17, 512), out.get(1).shape());
      return store.parameterCount();
    }
  }

  private static void assertCount(long want, double deepen, double widen, int headIn) {
    CSPNeXt backbone = new CSPNeXt(CSPNeXt.Arch.P5, deepen, widen, new int[] {4}, -1, false, 0.5, null, new int[] {5, 9, 13},
        true, null, Map.of("type", "SyncBN"), Map.of("type", "SiLU"), false, null);
    RTMCCHead head = new RTMCCHead(headIn, 17, new int[] {192, 256}, new int[] {6, 8}, 2.0, 7,
        new GauCfg(256, 128, 2, 0, 0, "SiLU", false, false), new KLDiscretLoss(10, true, 10, true, null, 1), Optional.empty(),
        null);
    assertEquals(want, backbone.parameterCount() + head.parameterCount());
    assertEquals(want, graphCount(backbone, head));
  }

  @Test
  void rtmposeTHasMmposeParameterCount() {
    assertCount(3_337_007L, 0.167, 0.375, 384);
  }

  @Test
  void rtmposeMHasMmposeParameterCount() {
    assertCount(13_587_611L, 0.67, 0.75, 768);
  }
}
