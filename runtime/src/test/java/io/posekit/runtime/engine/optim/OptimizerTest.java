package io.posekit.runtime.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.model.Parameter;
import io.posekit.spi.BuildContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two or three updates of a scalar parameter, worked out by hand from PyTorch's update rules. */
class OptimizerTest {
  private static final double TOL = 1e-6; // float32 storage

  private static Parameter scalar(String name, float value) {
    return Parameter.of(name, new int[] {1}, new float[] {value});
  }

  private static void stepWithGrad(Optimizer o, Parameter p, float grad) {
    p.grad()[0] = grad;
    o.step();
    o.zeroGrad();
  }

  @Test
  void sgdWithMomentumAndWeightDecay() {
    Parameter p = scalar("w", 1f);
    SGD sgd = new SGD(ParamGroups.single(List.of(p)), 0.1, 0.9, 0, 0.1, false);
    // step 1: d = 0.5 + 0.1*1 = 0.6; buf = 0.6; p = 1 - 0.1*0.6 = 0.94
    stepWithGrad(sgd, p, 0.5f);
    assertEquals(0.94, p.data()[0], TOL);
    // step 2: d = 0.5 + 0.1*0.94 = 0.594; buf = 0.9*0.6 + 0.594 = 1.134; p = 0.94 - 0.1134 = 0.8266
    stepWithGrad(sgd, p, 0.5f);
    assertEquals(0.8266, p.data()[0], TOL);
    // step 3 (grad 0): d = 0.08266; buf = 0.9*1.134 + 0.08266 = 1.10326; p = 0.8266 - 0.110326 = 0.716274
    stepWithGrad(sgd, p, 0f);
    assertEquals(0.716274, p.data()[0], TOL);
  }

  @Test
  void sgdNesterovAndDampening() {
    Parameter p = scalar("w", 1f);
    SGD nesterov = new SGD(ParamGroups.single(List.of(p)), 0.1, 0.9, 0, 0, true);
    // step 1: buf = 0.5; d = 0.5 + 0.9*0.5 = 0.95; p = 0.905
    stepWithGrad(nesterov, p, 0.5f);
    assertEquals(0.905, p.data()[0], TOL);
    // step 2: buf = 0.45 + 0.5 = 0.95; d = 0.5 + 0.855 = 1.355; p = 0.905 - 0.1355 = 0.7695
    stepWithGrad(nesterov, p, 0.5f);
    assertEquals(0.7695, p.data()[0], TOL);

    Parameter q = scalar("w", 1f);
    SGD damped = new SGD(ParamGroups.single(List.of(q)), 0.1, 0.9, 0.5, 0, false);
    // step 1: buf = g = 1 (no dampening on the first step); p = 0.9
    stepWithGrad(damped, q, 1f);
    assertEquals(0.9, q.data()[0], TOL);
    // step 2: buf = 0.9 + 0.5*1 = 1.4; p = 0.9 - 0.14 = 0.76
    stepWithGrad(damped, q, 1f);
    assertEquals(0.76, q.data()[0], TOL);
  }

  @Test
  void adamAndAmsgrad() {
    Parameter p = scalar("w", 1f);
    Adam adam = new Adam(ParamGroups.single(List.of(p)), 0.1, new double[] {0.9, 0.999}, 1e-8, 0, false);
    // step 1: m = 0.05, v = 0.00025; m^ = 0.5, sqrt(v^) = 0.5 -> p = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
    stepWithGrad(adam, p, 0.5f);
    assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), p.data()[0], TOL);
    // step 2, grad -1: m = 0.045 - 0.1 = -0.055; v = 0.00024975 + 0.001 = 0.00124975
    double m = -0.055, v = 0.00124975;
    double expected = p.data()[0] - 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.998001) + 1e-8);
    stepWithGrad(adam, p, -1f);
    assertEquals(expected, p.data()[0], TOL);

    Parameter q = scalar("w", 0f);
    Adam ams = new Adam(ParamGroups.single(List.of(q)), 0.1, new double[] {0.5, 0.5}, 0, 0, true);
    // step 1, g=2: m=1, v=2, p = -0.1 * (1/0.5) / (sqrt(2)/sqrt(0.5)) = -0.1
    stepWithGrad(ams, q, 2f);
    assertEquals(-0.1, q.data()[0], TOL);
    // step 2, g=0: m=0.5, v=1 but max_v=2; p = -0.1 - 0.1*(0.5/0.75)/(sqrt(2)/sqrt(0.75))
    stepWithGrad(ams, q, 0f);
    assertEquals(-0.1 - 0.1 * (0.5 / 0.75) / (Math.sqrt(2) / Math.sqrt(0.75)), q.data()[0], TOL);
  }

  @Test
  void adamL2VersusAdamWDecoupledDecay() {
    Parameter p = scalar("w", 1f);
    Adam adam = new Adam(ParamGroups.single(List.of(p)), 0.1, new double[] {0.9, 0.999}, 0, 0.5, false);
    // Adam: g = 0 + 0.5*1 = 0.5 enters the moments; first step moves by lr: 0.9
    stepWithGrad(adam, p, 0f);
    assertEquals(0.9, p.data()[0], TOL);

    Parameter q = scalar("w", 1f);
    AdamW adamw = new AdamW(ParamGroups.single(List.of(q)), 0.1, new double[] {0.9, 0.999}, 0, 0.5, false);
    // AdamW: p = 1 * (1 - 0.1*0.5) = 0.95, then the Adam step on g = 0.3: 0.95 - 0.1 = 0.85
    stepWithGrad(adamw, q, 0.3f);
    assertEquals(0.85, q.data()[0], TOL);
    // step 2, g = 0.3: p = 0.85*0.95 = 0.8075; m^ = 0.3, sqrt(v^) = 0.3 -> 0.7075
    stepWithGrad(adamw, q, 0.3f);
    assertEquals(0.7075, q.data()[0], TOL);
  }

  @Test
  void optimizersBuildFromConfigWithProvidedParams() {
    Parameter p = scalar("w", 1f);
    BuildContext ctx = BuildContext.of(Map.of("params", ParamGroups.single(List.of(p))));
    Optimizer adamw = AdamWConfig.fromMap(Map.of("lr", 5e-4)).build(ctx);
    assertEquals(0.01, adamw.paramGroups().get(0).get("weight_decay"), "AdamW default weight_decay");
    assertEquals(5e-4, adamw.paramGroups().get(0).get("lr"));
  }

  @Test
  void clipGradNormAsTorch() {
    Parameter a = Parameter.of("a", new int[] {2}, new float[] {0, 0});
    Parameter b = scalar("b", 0f);
    a.grad()[0] = 3f;
    a.grad()[1] = 0f;
    b.grad()[0] = 4f;
    double norm = new ClipGrad(1.0, 2.0).clip(List.of(a, b));
    assertEquals(5.0, norm, 1e-12);
    assertEquals(3 / (5 + 1e-6), a.grad()[0], TOL);
    assertEquals(4 / (5 + 1e-6), b.grad()[0], TOL);
    // Below max_norm nothing changes.
    b.grad()[0] = 0.5f;
    a.grad()[0] = 0f;
    new ClipGrad(1.0, 2.0).clip(List.of(a, b));
    assertEquals(0.5f, b.grad()[0]);
  }

  @Test
  void gradientAccumulationScalesLossAndStepsOnSchedule() {
    Parameter p = scalar("w", 0f);
    OptimWrapper wrapper = new OptimWrapper(new SGD(ParamGroups.single(List.of(p)), 1.0, 0, 0, 0, false), null, 2);
    wrapper.initializeCountStatus(0, 3);
    // Each "backward" adds scale * 1.0 to the gradient; 3 iterations, accumulative_counts=2:
    // iterations 1,2 are scaled by 1/2 and stepped after 2; iteration 3 is the remainder, scaled by 1/1.
    List<Double> scales = new java.util.ArrayList<>();
    FakeModel model = new FakeModel(p, scales);
    wrapper.updateParams(model, "batch");
    assertEquals(0f, p.data()[0], "no step after the first of two accumulated iterations");
    wrapper.updateParams(model, "batch");
    assertEquals(-1f, p.data()[0], 1e-7, "step with (0.5 + 0.5) accumulated");
    Map<String, Double> logVars = wrapper.updateParams(model, "batch");
    assertEquals(-2f, p.data()[0], 1e-7, "last iteration steps alone with scale 1");
    assertEquals(List.of(0.5, 0.5, 1.0), scales);
    assertEquals(List.of("loss", "loss_kpt", "acc_pose"), List.copyOf(logVars.keySet()));
    assertEquals(1.5, logVars.get("loss"), 1e-12, "only keys containing 'loss' are summed");
  }

  /** A model whose gradient is always 1 and which records the loss scales it was given. */
  private record FakeModel(Parameter p, List<Double> scales)
      implements io.posekit.runtime.engine.model.TrainableModel<String> {
    @Override
    public List<Parameter> parameters() {
      return List.of(p);
    }

    @Override
    public Map<String, float[]> buffers() {
      return Map.of();
    }

    @Override
    public void setTraining(boolean training) {}

    @Override
    public Map<String, Double> forwardBackward(String batch, double lossScale) {
      scales.add(lossScale);
      p.grad()[0] += (float) lossScale;
      Map<String, Double> losses = new java.util.LinkedHashMap<>();
      losses.put("loss_kpt", 1.5);
      losses.put("acc_pose", 0.25);
      return losses;
    }

    @Override
    public List<?> predict(String batch) {
      return List.of();
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
