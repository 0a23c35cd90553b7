package io.posekit.runtime.engine.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.optim.ParamGroups;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.optim.SGD;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ModuleConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Learning rates per iteration against closed forms worked out by hand from MMEngine's definitions. */
class ParamSchedulerTest {
  private static final int EPOCH_LENGTH = 100;

  private static SGD sgd(double lr) {
    return new SGD(ParamGroups.single(List.of(Parameter.of("w", new int[] {1}, new float[] {0f}))), lr, 0, 0, 0, false);
  }

  private static Map<String, Object> dict(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }

  /**
   * Runs the schedule as the runner does (ParamSchedulerHook: iteration-based schedulers step after
   * every iteration, epoch-based ones after every epoch) and returns the lr seen by each iteration.
   */
  private static double[] lrPerIteration(SGD optimizer, List<ParamScheduler> schedulers, int epochs) {
    double[] lrs = new double[epochs * EPOCH_LENGTH];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int i = 0; i < EPOCH_LENGTH; i++) {
        lrs[epoch * EPOCH_LENGTH + i] = optimizer.paramGroups().get(0).get("lr");
        schedulers.stream().filter(s -> !s.byEpoch()).forEach(ParamScheduler::step);
      }
      schedulers.stream().filter(ParamScheduler::byEpoch).forEach(ParamScheduler::step);
    }
    return lrs;
  }

  private static List<ParamScheduler> mmposeSchedule(SGD optimizer, boolean convert) {
    BuildContext ctx = BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", EPOCH_LENGTH));
    List<ModuleConfig<? extends ParamScheduler>> configs = List.of(
        LinearLRConfig.fromMap(dict("begin", 0, "end", 500, "start_factor", 0.001, "by_epoch", false)),
        MultiStepLRConfig.fromMap(dict("begin", 0, "end", 210, "milestones", List.of(170, 200),
            "gamma", 0.1, "by_epoch", true, "convert_to_iter_based", convert)));
    List<ParamScheduler> built = new ArrayList<>();
    configs.forEach(c -> built.add(c.build(ctx)));
    return built;
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, Math.abs(expected) * 1e-12 + 1e-300, what);
  }

  @Test
  void mmposeWarmupThenStepsMatchesHandWorkedValues() {
    for (boolean convert : new boolean[] {false, true}) {
      SGD optimizer = sgd(5e-4);
      double[] lr = lrPerIteration(optimizer, mmposeSchedule(optimizer, convert), 215);
      // Warm-up: LinearLR with T = end - begin - 1 = 499 gives lr(k) = 5e-4 * (0.001 + 0.999 * k / 499).
      IntToDoubleFunction warm = k -> 5e-4 * (0.001 + 0.999 * k / 499.0);
      for (int k : new int[] {0, 1, 2, 250, 498, 499}) {
        assertClose(warm.applyAsDouble(k), lr[k], "iteration " + k + " convert=" + convert);
      }
      assertClose(5e-7, lr[0], "iteration 0 is base * start_factor");
      assertClose(5e-4 * (0.001 + 0.999 / 499), lr[1], "iteration 1");
      assertClose(5e-4 * (0.001 + 0.999 * 250 / 499), lr[250], "iteration 250");
      assertClose(5e-4, lr[499], "iteration 499 reaches end_factor 1.0");
      // After the warm-up window the lr stays at the base until epoch 170.
      assertClose(5e-4, lr[500], "iteration 500");
      assertClose(5e-4, lr[501], "iteration 501");
      assertClose(5e-4, lr[169 * EPOCH_LENGTH], "first iteration of epoch 169");
      assertClose(5e-4, lr[170 * EPOCH_LENGTH - 1], "last iteration of epoch 169");
      // Milestone 170: x0.1 from the first iteration of epoch 170; milestone 200: x0.01.
      assertClose(5e-5, lr[170 * EPOCH_LENGTH], "first iteration of epoch 170");
      assertClose(5e-5, lr[200 * EPOCH_LENGTH - 1], "last iteration of epoch 199");
      assertClose(5e-6, lr[200 * EPOCH_LENGTH], "first iteration of epoch 200");
      assertClose(5e-6, lr[210 * EPOCH_LENGTH - 1], "last iteration of epoch 209");
      // Past end=210 the scheduler is inactive and the lr stays.
      assertClose(5e-6, lr[214 * EPOCH_LENGTH + 99], "epoch 214");
    }
  }

  @Test
  void convertedAndUnconvertedEpochSchedulesAgreeEverywhere() {
    SGD a = sgd(5e-4);
    SGD b = sgd(5e-4);
    double[] byEpoch = lrPerIteration(a, mmposeSchedule(a, false), 212);
    double[] byIter = lrPerIteration(b, mmposeSchedule(b, true), 212);
    for (int i = 0; i < byEpoch.length; i++) {
      assertClose(byEpoch[i], byIter[i], "iteration " + i);
    }
  }

  @Test
  void convertedScheduleStepsPerIteration() {
    SGD optimizer = sgd(1.0);
    ParamScheduler s = MultiStepLRConfig.fromMap(dict("milestones", List.of(1), "convert_to_iter_based", true))
        .build(BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", EPOCH_LENGTH)));
    assertEquals(false, s.byEpoch());
    assertEquals(0, ((BaseParamScheduler) s).begin());
    assertEquals(ScheduleWindow.INF, ((BaseParamScheduler) s).end(), "INF end is not multiplied");
    for (int i = 0; i < 99; i++) {
      s.step();
    }
    assertClose(1.0, s.lastValue().get(0), "iteration 99");
    s.step();
    assertClose(0.1, s.lastValue().get(0), "iteration 100 = milestone 1 epoch");
  }

  @Test
  void cosineAnnealingAfterLinearWarmupByHand() {
    SGD optimizer = sgd(0.01);
    BuildContext ctx = BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", EPOCH_LENGTH));
    List<ParamScheduler> schedulers = List.of(
        LinearLRConfig.fromMap(dict("start_factor", 0.5, "begin", 0, "end", 5, "by_epoch", false)).build(ctx),
        CosineAnnealingLRConfig.fromMap(dict("eta_min", 1e-4, "begin", 5, "end", 15, "by_epoch", false)).build(ctx));
    double[] lr = lrPerIteration(optimizer, schedulers, 1);
    // Warm-up over T=4 steps: 0.01 * (0.5 + 0.5 k / 4).
    for (int k = 0; k < 5; k++) {
      assertClose(0.01 * (0.5 + 0.5 * k / 4), lr[k], "warm-up iteration " + k);
    }
    // Cosine from begin=5, T_max = end - begin = 10: eta + (base - eta) * (1 + cos(pi j / 10)) / 2.
    for (int j = 0; j < 10; j++) {
      double expected = 1e-4 + (0.01 - 1e-4) * (1 + Math.cos(Math.PI * j / 10)) / 2;
      assertClose(expected, lr[5 + j], "cosine step " + j);
    }
    assertClose(1e-4 + (0.01 - 1e-4) * (1 + Math.cos(Math.PI * 9 / 10)) / 2, lr[20], "inactive after end");
  }

  @Test
  void cosineWithEtaMinRatioAndExplicitTMax() {
    SGD optimizer = sgd(0.2);
    ParamScheduler s = CosineAnnealingLRConfig.fromMap(dict("T_max", 4, "eta_min_ratio", 0.1, "by_epoch", false))
        .build(BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", 1)));
    double eta = 0.02;
    for (int k = 1; k <= 4; k++) {
      s.step();
      assertClose(eta + (0.2 - eta) * (1 + Math.cos(Math.PI * k / 4)) / 2, s.lastValue().get(0), "step " + k);
    }
    // k = 5: the restart branch of the chainable form adds (base - eta) (1 - cos(pi / T)) / 2.
    s.step();
    assertClose(eta + (0.2 - eta) * (1 - Math.cos(Math.PI / 4)) / 2, s.lastValue().get(0), "step 5");
  }

  @Test
  void polyDecayByHand() {
    SGD optimizer = sgd(0.1);
    ParamScheduler s = PolyLRConfig.fromMap(dict("eta_min", 0.001, "power", 2.0, "begin", 0, "end", 11, "by_epoch", false))
        .build(BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", 1)));
    // T = end - begin - 1 = 10; the chained ratios telescope to eta + (base - eta) (1 - k/T)^2.
    for (int k = 0; k <= 10; k++) {
      double expected = 0.001 + (0.1 - 0.001) * Math.pow(1 - k / 10.0, 2);
      assertClose(expected, s.lastValue().get(0), "step " + k);
      s.step();
    }
    assertClose(0.001, optimizer.paramGroups().get(0).get("lr"), "stays at eta_min after end");
  }

  @Test
  void stepExponentialAndConstantByHand() {
    BuildContext ctx;
    SGD o1 = sgd(1.0);
    ctx = BuildContext.of(Map.of("optimizer", o1, "epoch_length", 1));
    ParamScheduler step = StepLRConfig.fromMap(dict("step_size", 3, "gamma", 0.5)).build(ctx);
    SGD o2 = sgd(1.0);
    ParamScheduler exp = ExponentialLRConfig.fromMap(dict("gamma", 0.9))
        .build(BuildContext.of(Map.of("optimizer", o2, "epoch_length", 1)));
    SGD o3 = sgd(1.0);
    ParamScheduler constant = ConstantLRConfig.fromMap(dict("factor", 0.5, "end", 4))
        .build(BuildContext.of(Map.of("optimizer", o3, "epoch_length", 1)));
    double[] constantExpected = {0.5, 0.5, 0.5, 1.0, 1.0, 1.0};
    for (int k = 0; k < 6; k++) {
      assertClose(Math.pow(0.5, k / 3), step.lastValue().get(0), "StepLR epoch " + k);
      assertClose(Math.pow(0.9, k), exp.lastValue().get(0), "ExponentialLR epoch " + k);
      assertClose(constantExpected[k], constant.lastValue().get(0), "ConstantLR epoch " + k);
      step.step();
      exp.step();
      constant.step();
    }
  }

  @Test
  void stateDictRestoresTheScheduleExactly() {
    SGD a = sgd(5e-4);
    List<ParamScheduler> first = mmposeSchedule(a, true);
    for (int i = 0; i < 17_050; i++) {
      first.forEach(ParamScheduler::step);
    }
    // Resume in MMEngine's order: build optimizer and schedulers (whose first step changes the lr),
    // then load the optimizer state (lr, initial_lr), then the scheduler states.
    SGD b = sgd(5e-4);
    List<ParamScheduler> resumed = mmposeSchedule(b, true);
    b.loadStateDict(a.stateDict());
    for (int i = 0; i < first.size(); i++) {
      resumed.get(i).loadStateDict(first.get(i).stateDict());
    }
    for (int i = 0; i < 3_000; i++) {
      first.forEach(ParamScheduler::step);
      resumed.forEach(ParamScheduler::step);
      assertEquals(a.paramGroups().get(0).get("lr"), b.paramGroups().get(0).get("lr"), "step " + i);
    }
    assertClose(5e-6, b.paramGroups().get(0).get("lr"), "past milestone 200 epochs");
  }

  @Test
  void invalidWindowsAndFactorsAreErrorsNamingTheScheduler() {
    SGD optimizer = sgd(1.0);
    BuildContext ctx = BuildContext.of(Map.of("optimizer", optimizer, "epoch_length", 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearLRConfig.fromMap(dict("begin", 5, "end", 5)).build(ctx));
    assertTrue(e.getMessage().contains("LinearLR") && e.getMessage().contains("begin=5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConstantLRConfig.fromMap(dict("factor", 2.0)).build(ctx));
    assertTrue(e.getMessage().contains("factor"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> CosineAnnealingLRConfig.fromMap(dict("eta_min", 0.0, "eta_min_ratio", 0.1)).build(ctx));
    assertTrue(e.getMessage().contains("eta_min_ratio"), e.getMessage());
  }
}
