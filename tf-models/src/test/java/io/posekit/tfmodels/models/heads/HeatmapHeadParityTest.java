package io.posekit.tfmodels.models.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.models.TorchParity;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.models.losses.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * HeatmapHead's options and ViPNASHead against MMPose's own heads (heatmap_heads.pth, made by
 * make_head_fixtures.py beside it): the same seven configurations, loaded by MMPose's state-dict
 * keys, give MMPose's eval-mode heatmaps to 1e-4 relative with MMPose's parameter counts.
 */
class HeatmapHeadParityTest {
  private static final Loss MSE = new KeypointMSELoss(true, false, 1.0);

  private static HeatmapHead heatmap(int[] deconv, int[] deconvK, int[] conv, int[] convK, FinalLayer fin) {
    return new HeatmapHead(32, 5, deconv, deconvK, conv, convK, fin, MSE, Optional.empty(), null);
  }

  private static ViPNASHead vipnas(int[] deconv, int[] deconvK, int[] groups, int[] conv, int[] convK) {
    return new ViPNASHead(32, 5, deconv, deconvK, groups, conv, convK, new FinalLayer(1, 0), MSE, Optional.empty(), null);
  }

  /** make_head_fixtures.py's HEADS, in order. */
  static List<Head> heads() {
    return List.of(
        heatmap(new int[] {8, 8}, new int[] {4, 4}, null, null, new FinalLayer(1, 0)),
        heatmap(new int[] {8, 6, 4}, new int[] {4, 3, 2}, new int[] {6, 7}, new int[] {3, 1}, new FinalLayer(3, 1)),
        heatmap(null, new int[] {4, 4, 4}, new int[] {12}, new int[] {1}, new FinalLayer(1, 0)),
        heatmap(new int[0], new int[0], new int[] {8}, new int[] {3}, null),
        vipnas(new int[] {32, 16}, new int[] {4, 4}, new int[] {16, 16}, null, null),
        vipnas(new int[] {32, 32, 32}, new int[] {4, 4, 4}, new int[] {32, 32, 32}, null, null),
        vipnas(new int[] {16, 8}, new int[] {3, 2}, new int[] {8, 4}, new int[] {6}, new int[] {3}));
  }

  @Test
  void sevenHeadsGiveMMPoseHeatmaps() {
    TorchParity torch = new TorchParity(getClass(), "heatmap_heads.pth");
    List<Head> heads = heads();
    List<float[]> outs = torch.run("", (ctx, x) -> {
      List<Operand<TFloat32>> ys = new ArrayList<>();
      for (int i = 0; i < heads.size(); i++) {
        // the head reads the last feature only, as MMPose's forward(feats[-1])
        ys.add(heads.get(i).forward(ctx.child("h" + i), List.of(x, x)).get(0));
      }
      return ys;
    });
    for (int i = 0; i < heads.size(); i++) {
      double err = torch.relativeError(outs.get(i), "h" + i);
      assertTrue(err <= 1e-4, "h" + i + ": relative error " + err);
      assertEquals(torch.parameterCount("h" + i + "."), heads.get(i).parameterCount(), "h" + i + " parameters");
    }
  }

  @Test
  void groupedDeconvolutionsTrain() {
    // training mode: BN apart from the (grouped, depthwise) deconvolutions, gradients to every weight
    for (Head head : heads().subList(4, 7)) {
      try (var g = new org.tensorflow.Graph(); var s = new org.tensorflow.Session(g)) {
        var tf = org.tensorflow.op.Ops.create(g);
        var store = new io.posekit.tfmodels.nn.ParameterStore(3);
        var x = tf.constant(org.tensorflow.ndarray.Shape.of(2, 4, 3, 32),
            org.tensorflow.ndarray.buffer.DataBuffers.of(new float[2 * 4 * 3 * 32]));
        var y = head.forward(io.posekit.tfmodels.nn.GraphContext.root(tf, store, true), List.of(x)).get(0);
        var loss = tf.math.mean(tf.math.square(tf.math.sub(y, tf.constant(1f))), tf.constant(new int[] {0, 1, 2, 3}));
        var weights = store.trainable().stream().map(p -> (Operand<TFloat32>) p.variable()).toList();
        var grads = tf.gradients(loss, weights);
        s.initialize();
        var runner = s.runner();
        for (int i = 0; i < weights.size(); i++) {
          runner.fetch(grads.dy(i));
        }
        try (var r = runner.run()) {
          double total = 0;
          for (int i = 0; i < weights.size(); i++) {
            TFloat32 t = (TFloat32) r.get(i);
            float[] v = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(v);
            for (float f : v) {
              assertTrue(Float.isFinite(f));
              total += Math.abs(f);
            }
          }
          assertTrue(total > 0, "some gradient reaches the weights");
        }
      }
    }
  }

  @Test
  void mismatchedGroupsAreRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> vipnas(new int[] {32, 16}, new int[] {4, 4}, new int[] {16}, null, null));
    assertTrue(e.getMessage().contains("deconv_num_groups"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> vipnas(new int[] {30}, new int[] {4}, new int[] {16}, null, null));
  }
}
