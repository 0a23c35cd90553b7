package io.posekit.runtime.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.testing.KnownGradients;
import io.posekit.spi.BuildContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two or three updates of small parameters, worked out by hand from PyTorch's update rules, run
 * the way every model trains: through the {@link OptimWrapper} into a TensorFlow graph whose
 * gradients are known ({@link KnownGradients}).
 */
class OptimizerTest {
  private static final double TOL = 1e-6; // float32 storage

  private static Parameter scalar(String name, float value) {
    return Parameter.of(name, new int[] {1}, new float[] {value});
  }

  /** A one-parameter model stepping {@code optimizer} with gradient {@code g} per iteration; returns w after each. */
  private static double[] steps(Parameter p, Optimizer optimizer, float... grads) {
    OptimWrapper wrapper = new OptimWrapper(optimizer, null, 1);
    double[] out = new double[grads.length];
    try (KnownGradients model = new KnownGradients(List.of(p))) {
      for (int i = 0; i < grads.length; i++) {
        model.iterate(wrapper, new float[] {grads[i]});
        out[i] = p.data()[0];
      }
    }
    return out;
  }

  @Test
  void sgdWithMomentumAndWeightDecay() {
    Parameter p = scalar("w", 1f);
    double[] w = steps(p, new SGD(ParamGroups.single(List.of(p)), 0.1, 0.9, 0, 0.1, false), 0.5f, 0.5f, 0f);
    // step 1: d = 0.5 + 0.1*1 = 0.6; buf = 0.6; p = 1 - 0.1*0.6 = 0.94
    assertEquals(0.94, w[0], TOL);
    // step 2: d = 0.5 + 0.1*0.94 = 0.594; buf = 0.9*0.6 + 0.594 = 1.134; p = 0.94 - 0.1134 = 0.8266
    assertEquals(0.8266, w[1], TOL);
    // step 3 (grad 0): d = 0.08266; buf = 0.9*1.134 + 0.08266 = 1.10326; p = 0.8266 - 0.110326 = 0.716274
    assertEquals(0.716274, w[2], TOL);
  }

  @Test
  void sgdNesterovAndDampening() {
    Parameter p = scalar("w", 1f);
    double[] w = steps(p, new SGD(ParamGroups.single(List.of(p)), 0.1, 0.9, 0, 0, true), 0.5f, 0.5f);
    // step 1: buf = 0.5; d = 0.5 + 0.9*0.5 = 0.95; p = 0.905
    assertEquals(0.905, w[0], TOL);
    // step 2: buf = 0.45 + 0.5 = 0.95; d = 0.5 + 0.855 = 1.355; p = 0.905 - 0.1355 = 0.7695
    assertEquals(0.7695, w[1], TOL);

    Parameter q = scalar("w", 1f);
    double[] damped = steps(q, new SGD(ParamGroups.single(List.of(q)), 0.1, 0.9, 0.5, 0, false), 1f, 1f);
    // step 1: buf = g = 1 (no dampening on the first step); p = 0.9
    assertEquals(0.9, damped[0], TOL);
    // step 2: buf = 0.9 + 0.5*1 = 1.4; p = 0.9 - 0.14 = 0.76
    assertEquals(0.76, damped[1], TOL);
  }

  /**
   * torch.optim.SGD by hand, w = [1, -2], momentum 0.9, lr 0.1 then 0.05 (a scheduler's change on
   * the param group, which the graph reads at the next step), gradients [0.5, 1] then [-1, 0.5]:
   * plain momentum: buf1 = g1 = [0.5, 1], w1 = w - 0.1*buf1 = [0.95, -2.1];
   * buf2 = 0.9*buf1 + g2 = [-0.55, 1.4], w2 = w1 - 0.05*buf2 = [0.9775, -2.17].
   * nesterov: w1 = w - 0.1*(g1 + 0.9*buf1) = w - 0.1*[0.95, 1.9] = [0.905, -2.19];
   * w2 = w1 - 0.05*(g2 + 0.9*buf2) = w1 - 0.05*[-1.495, 1.76] = [0.97975, -2.278].
   */
  @Test
  void sgdMomentumAndNesterovWithAScheduledLr() {
    for (boolean nesterov : new boolean[] {false, true}) {
      Parameter w = Parameter.of("w", new int[] {2}, new float[] {1, -2});
      OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(w)), 0.1, 0.9, 0, 0, nesterov), null, 1);
      try (KnownGradients model = new KnownGradients(List.of(w))) {
        model.iterate(wrapper, new float[] {0.5f, 1});
        assertClose(nesterov ? new float[] {0.905f, -2.19f} : new float[] {0.95f, -2.1f}, w.data(), "step 1");
        wrapper.paramGroups().get(0).set("lr", 0.05);
        model.iterate(wrapper, new float[] {-1, 0.5f});
        assertClose(nesterov ? new float[] {0.97975f, -2.278f} : new float[] {0.9775f, -2.17f}, w.data(), "step 2");
      }
    }
  }

  /**
   * A momentum scheduler's change reaches the graph at the next step, as an lr change does:
   * w = 1, lr 0.1, g = 1: step 1 at momentum 0.9: buf = 1, w = 0.9; then momentum 0.5:
   * buf = 0.5*1 + 1 = 1.5, w = 0.9 - 0.15 = 0.75.
   */
  @Test
  void sgdReadsTheGroupsMomentumEveryStep() {
    Parameter p = scalar("w", 1f);
    OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(p)), 0.1, 0.9, 0, 0, false), null, 1);
    try (KnownGradients model = new KnownGradients(List.of(p))) {
      model.iterate(wrapper, new float[] {1});
      assertEquals(0.9, p.data()[0], TOL);
      wrapper.paramGroups().get(0).set("momentum", 0.5);
      model.iterate(wrapper, new float[] {1});
      assertEquals(0.75, p.data()[0], TOL);
      assertArrayEquals(new float[] {1.5f}, wrapper.stateDict().state().get(0).buffers().get("momentum_buffer"));
    }
  }

  @Test
  void adamAndAmsgrad() {
    Parameter p = scalar("w", 1f);
    double[] w = steps(p, new Adam(ParamGroups.single(List.of(p)), 0.1, new double[] {0.9, 0.999}, 1e-8, 0, false), 0.5f, -1f);
    // step 1: m = 0.05, v = 0.00025; m^ = 0.5, sqrt(v^) = 0.5 -> p = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
    double w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
    assertEquals(w1, w[0], TOL);
    // step 2, grad -1: m = 0.045 - 0.1 = -0.055; v = 0.00024975 + 0.001 = 0.00124975
    double m = -0.055, v = 0.00124975;
    assertEquals(w1 - 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.998001) + 1e-8), w[1], TOL);

    Parameter q = scalar("w", 0f);
    double[] ams = steps(q, new Adam(ParamGroups.single(List.of(q)), 0.1, new double[] {0.5, 0.5}, 0, 0, true), 2f, 0f);
    // step 1, g=2: m=1, v=2, p = -0.1 * (1/0.5) / (sqrt(2)/sqrt(0.5)) = -0.1
    assertEquals(-0.1, ams[0], TOL);
    // step 2, g=0: m=0.5, v=1 but max_v=2; p = -0.1 - 0.1*(0.5/0.75)/(sqrt(2)/sqrt(0.75))
    assertEquals(-0.1 - 0.1 * (0.5 / 0.75) / (Math.sqrt(2) / Math.sqrt(0.75)), ams[1], TOL);
  }

  @Test
  void adamL2VersusAdamWDecoupledDecay() {
    Parameter p = scalar("w", 1f);
    // Adam: g = 0 + 0.5*1 = 0.5 enters the moments; first step moves by lr: 0.9
    assertEquals(0.9, steps(p, new Adam(ParamGroups.single(List.of(p)), 0.1, new double[] {0.9, 0.999}, 0, 0.5, false), 0f)[0], TOL);

    Parameter q = scalar("w", 1f);
    double[] w = steps(q, new AdamW(ParamGroups.single(List.of(q)), 0.1, new double[] {0.9, 0.999}, 0, 0.5, false), 0.3f, 0.3f);
    // AdamW: p = 1 * (1 - 0.1*0.5) = 0.95, then the Adam step on g = 0.3: 0.95 - 0.1 = 0.85
    assertEquals(0.85, w[0], TOL);
    // step 2, g = 0.3: p = 0.85*0.95 = 0.8075; m^ = 0.3, sqrt(v^) = 0.3 -> 0.7075 (TensorFlow's ApplyAdam
    // forms 1 - b2^t in float32: 1 - 0.998001f is off by ~3e-5 relative, 1.3e-6 on this step)
    assertEquals(0.7075, w[1], 2e-6);
  }

  @Test
  void optimizersBuildFromConfigWithProvidedParams() {
    Parameter p = scalar("w", 1f);
    BuildContext ctx = BuildContext.of(Map.of("params", ParamGroups.single(List.of(p))));
    Optimizer adamw = AdamWConfig.fromMap(Map.of("lr", 5e-4)).build(ctx);
    assertEquals(0.01, adamw.paramGroups().get(0).get("weight_decay"), "AdamW default weight_decay");
    assertEquals(5e-4, adamw.paramGroups().get(0).get("lr"));
  }

  /**
   * {@code clip_grad_norm_} by hand: gradients [3, 0] and [4] have norm 5 > max_norm 1, so each is
   * multiplied by 1/(5 + 1e-6) before the SGD step at lr 1; below max_norm they are untouched.
   * MMEngine logs the norm before clipping as {@code grad_norm}, first.
   */
  @Test
  void clipGradNormAsTorch() {
    Parameter a = Parameter.of("a", new int[] {2}, new float[] {0, 0});
    Parameter b = scalar("b", 0f);
    OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(a, b)), 1.0, 0, 0, 0, false), new ClipGrad(1.0, 2.0), 1);
    try (KnownGradients model = new KnownGradients(List.of(a, b))) {
      Map<String, Double> logVars = model.iterate(wrapper, new float[] {3, 0}, new float[] {4});
      assertEquals(5.0, logVars.get("grad_norm"), 1e-6);
      assertEquals("grad_norm", logVars.keySet().iterator().next());
      assertEquals(-3 / (5 + 1e-6), a.data()[0], TOL);
      assertEquals(-4 / (5 + 1e-6), b.data()[0], TOL);
      model.iterate(wrapper, new float[] {0, 0}, new float[] {0.5f});
      assertEquals(-4 / (5 + 1e-6) - 0.5, b.data()[0], TOL, "below max_norm nothing is scaled");
      assertEquals(0.5, wrapper.lastGradNorm(), 1e-6);
    }
  }

  /** The infinity norm is the largest magnitude: [3, -6] and [4] clip by 2/(6 + 1e-6). */
  @Test
  void clipGradInfNorm() {
    Parameter a = Parameter.of("a", new int[] {2}, new float[] {0, 0});
    Parameter b = scalar("b", 0f);
    OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(a, b)), 1.0, 0, 0, 0, false),
        new ClipGrad(2.0, Double.POSITIVE_INFINITY), 1);
    try (KnownGradients model = new KnownGradients(List.of(a, b))) {
      assertEquals(6.0, model.iterate(wrapper, new float[] {3, -6}, new float[] {4}).get("grad_norm"), 1e-6);
      assertClose(new float[] {(float) (-3 * 2 / (6 + 1e-6)), (float) (6 * 2 / (6 + 1e-6))}, a.data(), "a");
    }
  }

  /**
   * MMEngine's accumulation with a tail: 3 iterations with accumulative_counts=2 and gradient 1:
   * iterations 1 and 2 are scaled by 1/2 and stepped after 2 (SGD lr 1: w = -1); iteration 3 is the
   * remainder, scaled by 1/1 and stepped alone (w = -2).
   */
  @Test
  void gradientAccumulationScalesLossAndStepsOnSchedule() {
    Parameter p = scalar("w", 0f);
    OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(p)), 1.0, 0, 0, 0, false), null, 2);
    wrapper.initializeCountStatus(0, 3);
    try (KnownGradients model = new KnownGradients(List.of(p))) {
      assertEquals(2.0, wrapper.lossFactor(), "the window of two");
      model.iterate(wrapper, new float[] {1});
      assertEquals(0f, p.data()[0], "no step after the first of two accumulated iterations");
      model.iterate(wrapper, new float[] {1});
      assertEquals(-1f, p.data()[0], 1e-7, "step with (0.5 + 0.5) accumulated");
      assertEquals(1.0, wrapper.lossFactor(), "the tail's own count");
      model.iterate(wrapper, new float[] {1});
      assertEquals(-2f, p.data()[0], 1e-7, "last iteration steps alone with scale 1");
      assertEquals(2, model.graph().steps());
    }
  }

  @Test
  void parseLossesSumsOnlyLossKeys() {
    Map<String, Double> losses = new LinkedHashMap<>();
    losses.put("loss_kpt", 1.5);
    losses.put("acc_pose", 0.25);
    losses.put("loss_aux", 0.5);
    Map<String, Double> logVars = OptimWrapper.parseLosses(losses);
    assertEquals(List.of("loss", "loss_kpt", "acc_pose", "loss_aux"), List.copyOf(logVars.keySet()));
    assertEquals(2.0, logVars.get("loss"), 1e-12, "only keys containing 'loss' are summed");
  }

  /**
   * {@code optimizer.state_dict()} in PyTorch's layout: {@code state} by parameter index with
   * {@code step} and Adam's {@code exp_avg}/{@code exp_avg_sq} (by hand after one step with g:
   * m = 0.1*g, v = 0.001*g^2), {@code param_groups} with the hyper-parameters and {@code params}.
   * Loaded into a second model, training continues exactly as the first.
   */
  @Test
  void stateDictHasPyTorchsLayoutAndResumes() {
    Parameter a = Parameter.of("a", new int[] {2}, new float[] {1, 2});
    Parameter b = scalar("b", 3f);
    OptimWrapper wrapper = adamOver(a, b);
    try (KnownGradients model = new KnownGradients(List.of(a, b))) {
      model.iterate(wrapper, new float[] {2, -4}, new float[] {1});
      OptimizerState state = wrapper.stateDict();
      assertEquals(List.of(0, 1), List.copyOf(state.state().keySet()));
      assertEquals(1, state.state().get(0).step());
      assertClose(new float[] {0.2f, -0.4f}, state.state().get(0).buffers().get("exp_avg"), "exp_avg");
      assertClose(new float[] {0.004f, 0.016f}, state.state().get(0).buffers().get("exp_avg_sq"), "exp_avg_sq");
      assertEquals(List.of(List.of(0), List.of(1)), state.paramGroups().stream().map(OptimizerState.Group::params).toList());
      assertEquals(0.1, state.paramGroups().get(1).options().get("lr"));
      assertEquals(1e-3, state.paramGroups().get(0).options().get("lr"));

      Parameter a2 = Parameter.of("a", new int[] {2}, a.data().clone());
      Parameter b2 = scalar("b", b.data()[0]);
      OptimWrapper resumed = adamOver(a2, b2);
      resumed.loadStateDict(state); // before the graph exists: handed over when it binds
      try (KnownGradients second = new KnownGradients(List.of(a2, b2))) {
        model.iterate(wrapper, new float[] {-1, 0.5f}, new float[] {2});
        second.iterate(resumed, new float[] {-1, 0.5f}, new float[] {2});
        assertArrayEquals(a.data(), a2.data());
        assertArrayEquals(b.data(), b2.data());
        assertEquals(2, second.graph().steps());
      }
    }
  }

  private static OptimWrapper adamOver(Parameter a, Parameter b) {
    ParamGroups groups = new ParamGroups(List.of(new ParamGroup(List.of(a), Map.of("lr", 1e-3)), new ParamGroup(List.of(b))));
    return new OptimWrapper(new Adam(groups, 0.1, new double[] {0.9, 0.999}, 1e-8, 0, false), null, 1);
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
    }
  }

  @Test
  void paramwiseCfgAsDefaultOptimWrapperConstructor() {
    Parameter convW = Parameter.of("backbone.conv.weight", new int[] {2, 1, 1, 1}, new float[2]);
    Parameter convB = Parameter.of("backbone.conv.bias", new int[] {2}, new float[2]);
    Parameter bnW = new Parameter("backbone.bn.weight", new int[] {2}, new float[2], true, false);
    Parameter bnB = new Parameter("backbone.bn.bias", new int[] {2}, new float[2], true, false);
    Parameter headW = Parameter.of("head.final_layer.weight", new int[] {1, 2}, new float[2]);
    Parameter headB = Parameter.of("head.final_layer.bias", new int[] {1}, new float[1]);
    ParamwiseCfg cfg = new ParamwiseCfg(2.0, 0.0, 0.0, null, null,
        Map.of("head", new CustomKeyCfg(0.1, 1.0), "head.final", new CustomKeyCfg(0.5, 3.0)), false);
    ParamGroups groups = new DefaultOptimWrapperConstructor(cfg)
        .paramGroups(List.of(convW, convB, bnW, bnB, headW, headB), 0.01, 1e-4);
    Optimizer sgd = new SGD(groups, 0.01, 0, 0, 1e-4, false);
    List<ParamGroup> g = sgd.paramGroups();
    assertEquals(6, g.size(), "one group per parameter");
    assertEquals(0.01, g.get(0).get("lr"));
    assertEquals(1e-4, g.get(0).get("weight_decay"));
    assertEquals(0.02, g.get(1).get("lr"), 1e-15, "bias_lr_mult");
    assertEquals(0.0, g.get(1).get("weight_decay"), "bias_decay_mult");
    assertEquals(0.0, g.get(2).get("weight_decay"), "norm_decay_mult");
    assertEquals(0.01, g.get(3).get("lr"), "norm bias takes no bias_lr_mult");
    assertEquals(0.0, g.get(3).get("weight_decay"), "norm decay wins over bias decay");
    assertEquals(0.005, g.get(4).get("lr"), 1e-15, "longest custom key wins");
    assertEquals(3e-4, g.get(4).get("weight_decay"), 1e-15);
    assertEquals(0.005, g.get(5).get("lr"), 1e-15, "custom keys override bias rules");
    // Without weight_decay in the optimizer config decay multipliers do not apply.
    ParamGroups noWd = new DefaultOptimWrapperConstructor(cfg).paramGroups(List.of(convB), 0.01, null);
    assertFalse(noWd.groups().get(0).has("weight_decay"));
  }

  @Test
  void constructorBuildsWrapperFromConfig() {
    Parameter p = scalar("w", 1f);
    OptimWrapperConfig cfg = OptimWrapperConfig.builder()
        .optimizer(AdamConfig.fromMap(Map.of("lr", 5e-4)))
        .clipGrad(new ClipGrad(35, 2))
        .build();
    OptimWrapper wrapper = new DefaultOptimWrapperConstructor(null).build(cfg, List.of(p));
    assertEquals(List.of(5e-4), wrapper.getLr());
    assertTrue(wrapper.optimizer() instanceof Adam);
  }

  @Test
  void autoScaleLrMultipliesByRealOverBaseBatch() {
    Parameter p = scalar("w", 1f);
    OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(p)), 5e-4, 0, 0, 0, false), null, 1);
    assertEquals(1.0, new AutoScaleLr(512, false).apply(wrapper, 64, 1));
    assertEquals(5e-4, wrapper.getLr().get(0));
    assertEquals(0.125, new AutoScaleLr(512, true).apply(wrapper, 64, 1));
    assertEquals(5e-4 * 0.125, wrapper.getLr().get(0), 1e-18);
    wrapper.paramGroups().get(0).set("initial_lr", 1.0);
    assertThrows(IllegalStateException.class, () -> new AutoScaleLr(512, true).apply(wrapper, 64, 1));
  }

  /** MMEngine's bypass_duplicate: a parameter met twice is skipped; without it the optimizer refuses it, as torch does. */
  @Test
  void bypassDuplicateSkipsAParameterMetTwice() {
    Parameter w = Parameter.of("conv.weight", new int[] {2}, new float[2]);
    Parameter b = Parameter.of("conv.bias", new int[] {1}, new float[1]);
    List<Parameter> twice = List.of(w, b, w);
    ParamGroups groups = new DefaultOptimWrapperConstructor(new ParamwiseCfg(null, 0.0, null, null, null, Map.of(), true))
        .paramGroups(twice, 0.1, 1e-4);
    assertEquals(2, groups.groups().size());
    assertEquals(0.0, groups.groups().get(1).get("weight_decay"));
    var e = assertThrows(IllegalArgumentException.class, () ->
        new DefaultOptimWrapperConstructor(new ParamwiseCfg(null, 0.0, null, null, null, Map.of(), false)).paramGroups(twice, 0.1, 1e-4));
    assertTrue(e.getMessage().contains("'conv.weight' appears in more than one param group"), e.getMessage());
  }
}
