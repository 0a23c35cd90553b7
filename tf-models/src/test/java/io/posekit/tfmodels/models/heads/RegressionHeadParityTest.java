package io.posekit.tfmodels.models.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.RegressionLabel;
import io.posekit.tfmodels.models.TorchParity;
import io.posekit.tfmodels.models.losses.RLELoss;
import io.posekit.tfmodels.models.losses.SmoothL1Loss;
import io.posekit.tfmodels.weights.FloatArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RegressionHead and RLEHead against MMPose's own heads (regression_heads.pth, made by
 * make_regression_head_fixtures.py beside it): loaded by MMPose's state-dict keys (RLE's flow
 * model under {@code loss_module.flow_model.}), the forward outputs, the flip-test outputs
 * ({@code flip_coordinates} with {@code shift_coords}, RLE's per-pass sigmoid) and the loss values
 * of MMPose's loss modules (SmoothL1Loss; RLELoss Laplace weighted and Gaussian unweighted
 * unaveraged) all within 1e-4 relative, and MMPose's parameter counts (RLEHead 54,284 with the flow).
 */
class RegressionHeadParityTest {
  private static final int K = 5;
  private static final int[] FLIP = {1, 0, 2, 4, 3};
  private static final TestCfg FLIP_TEST = new TestCfg(true, TestCfg.FlipMode.HEATMAP, true, false, true);

  private static Operand<TFloat32> constant(Ops tf, FloatArray a) {
    return tf.constant(Shape.of(a.shape()), DataBuffers.of(a.values()));
  }

  @Test
  void regressionAndRleHeadsGiveMMPoseOutputsAndLosses() {
    TorchParity torch = new TorchParity(getClass(), "regression_heads.pth");
    var decoder = Optional.<io.posekit.tfmodels.codecs.KeypointCodec>of(new RegressionLabel(new int[] {48, 64}));
    List<Head> heads = List.of(
        new RegressionHead(24, K, new SmoothL1Loss(true, 1.0), decoder, null),
        new RLEHead(24, K, new RLELoss(true, true, true, RLELoss.QDistribution.LAPLACE), decoder, null),
        new RLEHead(24, K, new RLELoss(false, false, true, RLELoss.QDistribution.GAUSSIAN), decoder, null));
    String[] scopes = {"r0", "r1", "r1"};
    List<float[]> outs = torch.run("", (ctx, x) -> {
      Ops tf = ctx.tf();
      TargetInputs targets = (name, shape) -> {
        var value = constant(tf, torch.nhwc(name.equals(EncodedTargets.KEYPOINT_LABELS) ? "input.labels" : "input.weights"));
        assertEquals(shape, value.shape(), name);
        return value;
      };
      List<Operand<TFloat32>> ys = new ArrayList<>();
      for (int i = 0; i < heads.size(); i++) {
        Head head = heads.get(i);
        var scope = ctx.child(scopes[i]);
        var out = head.forward(scope, List.of(x));
        var flipped = head.flipBack(tf, head.predictOutputs(tf, head.forward(scope, List.of(tf.reverse(x,
            tf.constant(new int[] {2}))))), FLIP, FLIP_TEST);
        var plain = head.predictOutputs(tf, out);
        ys.add(out.get(0));
        ys.add(tf.math.mul(tf.math.add(plain.get(0), flipped.get(0)), tf.constant(0.5f)));
        ys.add(head.loss(scope, out, targets));
      }
      return ys;
    });
    for (int i = 0; i < heads.size(); i++) {
      for (String what : new String[] {"", "flip.", "loss."}) {
        if (i == 2 && !what.equals("loss.")) {
          continue; // r2 shares r1's weights: only its loss differs
        }
        int at = 3 * i + (what.isEmpty() ? 0 : what.equals("flip.") ? 1 : 2);
        double err = torch.relativeError(outs.get(at), what + "r" + i);
        assertTrue(err <= 1e-4, what + "r" + i + ": relative error " + err);
      }
    }
    assertEquals(torch.parameterCount("r0."), heads.get(0).parameterCount());
    // MMPose's sum(p.numel() for p in head.parameters()): the fc and the flow, not its loc/cov/mask buffers
    assertEquals(54_284, heads.get(1).parameterCount());
    assertEquals(torch.parameterCount("r1.") - 2 - 4 - 12, heads.get(1).parameterCount());
  }

  @Test
  void rleHeadTrains() {
    // the training graph: gradients of the RLE loss reach the fc and the flow model (Slice with
    // int32 bounds, which its C++ gradient needs)
    var head = new RLEHead(6, 3, new RLELoss(true, true, true, RLELoss.QDistribution.LAPLACE), Optional.empty(), null);
    try (var g = new org.tensorflow.Graph(); var s = new org.tensorflow.Session(g)) {
      Ops tf = Ops.create(g);
      var store = new io.posekit.tfmodels.nn.ParameterStore(5);
      var ctx = io.posekit.tfmodels.nn.GraphContext.root(tf, store, true);
      var x = tf.constant(Shape.of(2, 6), DataBuffers.of(new float[] {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6}));
      TargetInputs targets = (name, shape) -> name.equals(EncodedTargets.KEYPOINT_LABELS)
          ? tf.constant(shape, DataBuffers.of(new float[] {.1f, .2f, .3f, .4f, .5f, .6f, .7f, .8f, .9f, .1f, .2f, .3f}))
          : tf.constant(shape, DataBuffers.of(new float[] {1, 1, 0, 1, 0, 1}));
      var loss = head.loss(ctx, head.forward(ctx, List.of(x)), targets);
      var vars = store.trainable().stream().map(p -> (Operand<TFloat32>) p.variable()).toList();
      var grads = tf.gradients(loss, vars);
      s.initialize();
      var runner = s.runner();
      for (int i = 0; i < vars.size(); i++) {
        runner.fetch(grads.dy(i));
      }
      try (var r = runner.run()) {
        assertEquals(2 + 12 * 6, vars.size(), "fc weight and bias, 12 nets of three Linear layers");
        double fcGrad = 0;
        for (int i = 0; i < 2; i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] v = new float[(int) t.size()];
          t.asRawTensor().data().asFloats().read(v);
          for (float f : v) {
            assertTrue(Float.isFinite(f));
            fcGrad += Math.abs(f);
          }
        }
        assertTrue(fcGrad > 0);
      }
    }
  }
}
