package io.posekit.runtime.engine.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.TrainLoop;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.engine.hooks.CheckpointHookConfig;
import io.posekit.runtime.engine.hooks.DistSamplerSeedHook;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import io.posekit.runtime.engine.hooks.EMAHook;
import io.posekit.runtime.engine.hooks.EMAHookConfig;
import io.posekit.runtime.engine.hooks.IterTimerHook;
import io.posekit.runtime.engine.hooks.LoggerHook;
import io.posekit.runtime.engine.hooks.ParamSchedulerHook;
import io.posekit.runtime.engine.hooks.RuntimeInfoHook;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.optim.AdamConfig;
import io.posekit.runtime.engine.optim.ClipGrad;
import io.posekit.runtime.engine.optim.DefaultOptimWrapperConstructor;
import io.posekit.runtime.engine.optim.OptimWrapperConfig;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.optim.ParamwiseCfg;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.schedulers.LinearLRConfig;
import io.posekit.runtime.engine.schedulers.MultiStepLRConfig;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
import io.posekit.runtime.engine.testing.LinearRegressionModel;
import io.posekit.runtime.engine.testing.MseEvaluator;
import io.posekit.runtime.engine.testing.RegressionData;
import io.posekit.spi.BuildContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train, crash after a checkpoint, resume: the result equals an uninterrupted run bit for bit. */
class TrainResumeEndToEndTest {
  private static final int MAX_EPOCHS = 5;
  private static final int MAX_ITERS = 35;

  private record Run(Runner runner, LinearRegressionModel model, EMAHook ema) {}

  private static Run newRun(Path workDir, Hook extra) {
    return newRun(workDir, extra, false);
  }

  /**
   * {@code byIter}: MMEngine's {@code IterBasedTrainLoop} ({@value #MAX_ITERS} iterations over the
   * 10 batches, validation and checkpoints every 10 iterations) instead of the epoch-based loop.
   */
  /** Keeps the two best by coco/AP (greater is better) and the last. */
  private static CheckpointHookConfig.Builder checkpointHook() {
    return CheckpointHookConfig.builder().maxKeepCkpts(2).saveBest("coco/AP").rule("greater");
  }

  private static Run newRun(Path workDir, Hook extra, boolean byIter) {
    Randomness randomness = new Randomness(42, true);
    LinearRegressionModel model = new LinearRegressionModel(3, randomness.global());
    Runner runner = new Runner(model, workDir, randomness, new LogProcessor(5, true, 4)).quiet(true);
    runner.trainData(new RegressionData(40, 4, 7, true, randomness));
    runner.val(new RegressionData(20, 5, 8, false, randomness), new MseEvaluator());
    OptimWrapperConfig cfg = OptimWrapperConfig.builder()
        .optimizer(AdamConfig.fromMap(Map.of("lr", 0.05, "weight_decay", 1e-4)))
        .clipGrad(new ClipGrad(10, 2))
        .accumulativeCounts(1)
        .build();
    runner.optimWrapper(new DefaultOptimWrapperConstructor(new ParamwiseCfg(null, null, 0.0, null, null, Map.of(), false))
        .build(cfg, model.parameters()));
    BuildContext ctx = BuildContext.of(Map.of("optimizer", runner.optimWrapper().optimizer(), "epoch_length", 10));
    List<ParamScheduler> schedulers = List.of(
        LinearLRConfig.fromMap(Map.of("start_factor", 0.01, "end", 15, "by_epoch", false)).build(ctx),
        MultiStepLRConfig.fromMap(Map.of("milestones", List.of(3, 4), "gamma", 0.5)).build(ctx));
    runner.paramSchedulers(schedulers);
    BuildContext withRunner = BuildContext.of(Map.of("runner", runner));
    runner.trainLoop(byIter
        ? (TrainLoop) IterBasedTrainLoopConfig.fromMap(Map.of("max_iters", MAX_ITERS, "val_interval", 10)).build(withRunner)
        : (TrainLoop) EpochBasedTrainLoopConfig.fromMap(Map.of("max_epochs", MAX_EPOCHS, "val_interval", 1)).build(withRunner));
    runner.valLoop(new ValLoop(runner));
    EMAHook ema = EMAHookConfig.builder().momentum(0.1).build().build(BuildContext.empty());
    runner.registerHook(byIter
            ? checkpointHook().interval(10).byEpoch(false).build().build(BuildContext.empty())
            : checkpointHook().interval(1).build().build(BuildContext.empty()))
        .registerHook(new LoggerHook(5, true))
        .registerHook(new ParamSchedulerHook())
        .registerHook(new IterTimerHook())
        .registerHook(new DistSamplerSeedHook())
        .registerHook(new RuntimeInfoHook())
        .registerHook(ema, 49)
        .registerHook(extra, Priority.LOWEST);
    return new Run(runner, model, ema);
  }

  private static final Hook NOTHING = new Hook() {};

  /** Dies right after the checkpoint of epoch 2 is written, before its validation. */
  private static final Hook CRASH_AFTER_EPOCH_2 = new Hook() {
    @Override
    public void afterTrainEpoch(Runner runner) {
      if (runner.epoch() == 1) {
        throw new IllegalStateException("simulated crash");
      }
    }
  };

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pth")).sorted().toList();
    }
  }

  @Test
  void resumeAfterCrashMatchesUninterruptedRun(@TempDir Path tmp) throws IOException {
    Run full = newRun(tmp.resolve("full"), NOTHING);
    full.runner().train(null);

    Run crashed = newRun(tmp.resolve("crashed"), CRASH_AFTER_EPOCH_2);
    IllegalStateException crash = assertThrows(IllegalStateException.class, () -> crashed.runner().train(null));
    assertEquals("simulated crash", crash.getMessage());
    Path last = CheckpointIO.findLastCheckpoint(tmp.resolve("crashed"));
    assertEquals("epoch_2.pth", last.getFileName().toString());
    // MMEngine's layout: state_dict holds the average, ema_state_dict the AveragedModel's keys with the raw weights
    Checkpoint saved = CheckpointIO.load(last);
    assertEquals(20f, saved.arrays().get("ema_state_dict/steps")[0], "two epochs of 10 updates");
    for (String k : full.ema().average().keySet()) {
      org.junit.jupiter.api.Assertions.assertNotNull(saved.arrays().get("ema_state_dict/module." + k), "ema_state_dict/module." + k);
      org.junit.jupiter.api.Assertions.assertNotNull(saved.arrays().get("state_dict/" + k), "state_dict/" + k);
    }

    Run resumed = newRun(tmp.resolve("crashed"), NOTHING);
    resumed.runner().train(last);
    assertEquals(MAX_EPOCHS, resumed.runner().epoch());
    assertEquals(MAX_EPOCHS * 10, resumed.runner().iter());

    List<Parameter> a = full.model().parameters();
    List<Parameter> b = resumed.model().parameters();
    for (int i = 0; i < a.size(); i++) {
      float[] pa = a.get(i).data();
      float[] pb = b.get(i).data();
      for (int k = 0; k < pa.length; k++) {
        assertEquals(pa[k], pb[k], 1e-12, a.get(i).name() + "[" + k + "]");
      }
    }
    assertArrayEquals(full.model().buffers().get("norm.running_mean"), resumed.model().buffers().get("norm.running_mean"));
    for (String k : full.ema().average().keySet()) {
      assertArrayEquals(full.ema().average().get(k), resumed.ema().average().get(k), "EMA of " + k);
    }
    assertEquals(full.runner().optimWrapper().getLr(), resumed.runner().optimWrapper().getLr());
    assertEquals(full.runner().randomness().global().nextLong(), resumed.runner().randomness().global().nextLong());
  }

  /** Records the total loss of every training iteration, by iteration. */
  private static final class LossRecorder implements Hook {
    final Map<Integer, Double> losses = new java.util.TreeMap<>();

    @Override
    public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
      losses.put(runner.iter(), outputs.get("loss"));
    }
  }

  /**
   * IterBasedTrainLoop: a run that dies at iteration 25 resumes from {@code iter_20.pth} (mid-way
   * through the data's third pass) and then computes the same losses, iteration by iteration, and
   * ends with the same weights as an uninterrupted run with the same seed.
   */
  @Test
  void iterBasedResumeFromMidRunMatchesUninterruptedRun(@TempDir Path tmp) throws IOException {
    LossRecorder fullLosses = new LossRecorder();
    Run full = newRun(tmp.resolve("full"), fullLosses, true);
    full.runner().train(null);
    assertEquals(MAX_ITERS, fullLosses.losses.size());

    Hook crashAt25 = new Hook() {
      @Override
      public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
        if (runner.iter() + 1 == 25) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    Run crashed = newRun(tmp.resolve("crashed"), crashAt25, true);
    assertThrows(IllegalStateException.class, () -> crashed.runner().train(null));
    Path last = CheckpointIO.findLastCheckpoint(tmp.resolve("crashed"));
    assertEquals("iter_20.pth", last.getFileName().toString());

    LossRecorder resumedLosses = new LossRecorder();
    Run resumed = newRun(tmp.resolve("crashed"), resumedLosses, true);
    resumed.runner().train(last);
    assertEquals(MAX_ITERS, resumed.runner().iter());
    assertEquals(List.copyOf(java.util.stream.IntStream.range(20, MAX_ITERS).boxed().toList()), List.copyOf(resumedLosses.losses.keySet()));
    for (int it = 20; it < MAX_ITERS; it++) {
      assertEquals(fullLosses.losses.get(it), resumedLosses.losses.get(it), 1e-6, "loss of iteration " + (it + 1));
    }
    List<Parameter> a = full.model().parameters();
    List<Parameter> b = resumed.model().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).data(), b.get(i).data(), 1e-6f, a.get(i).name());
    }
    assertEquals(full.runner().optimWrapper().getLr(), resumed.runner().optimWrapper().getLr());
    assertTrue(files(tmp.resolve("crashed")).contains("iter_35.pth"), "save_last wrote the final iteration");
  }

  @Test
  void trainingLearnsKeepsBestAndRotatesCheckpoints(@TempDir Path tmp) throws IOException {
    Run run = newRun(tmp, NOTHING);
    run.runner().train(null);
    var loss = run.runner().messageHub().getScalar("train/loss");
    assertEquals(MAX_EPOCHS * 10, loss.size());
    double first = run.runner().messageHub().getScalar("train/loss_mse").mean(MAX_EPOCHS * 10);
    assertTrue(loss.mean(10) < first / 2, "loss fell: last 10 mean " + loss.mean(10) + " vs overall " + first);

    List<String> files = files(tmp);
    List<String> best = files.stream().filter(f -> f.startsWith("best_coco_AP_epoch_")).toList();
    assertEquals(1, best.size(), "exactly one best checkpoint: " + files);
    assertTrue(files.containsAll(List.of("epoch_4.pth", "epoch_5.pth")), files.toString());
    assertFalse(files.contains("epoch_3.pth"), "max_keep_ckpts=2 removed epoch_3: " + files);
    assertEquals(3, files.size(), files.toString());
    assertEquals(tmp.resolve("epoch_5.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(tmp));

    // The best checkpoint's score is the best validation score seen; it reloads as weights.
    double bestScore = (Double) run.runner().messageHub().getInfo("best_score");
    var apHistory = run.runner().messageHub().getScalar("val/coco/AP");
    assertEquals(MAX_EPOCHS, apHistory.size());
    double maxAp = apHistory.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(maxAp, bestScore, 1e-9);
    Run check = newRun(tmp.resolve("check"), NOTHING);
    check.runner().loadCheckpoint(tmp.resolve(best.get(0)));
    check.model().setTraining(false);
    Map<String, Double> metrics = check.runner().val();
    assertEquals(bestScore, metrics.get("coco/AP"), 1e-6, "the best checkpoint holds the EMA weights validated");

    Path logDir = run.runner().logDir();
    List<String> scalars = Files.readAllLines(logDir.resolve("vis_data/scalars.json"));
    assertTrue(scalars.stream().anyMatch(l -> l.contains("\"lr\"") && l.contains("\"loss\"") && l.contains("\"step\":5")), scalars.get(0));
    assertTrue(scalars.stream().anyMatch(l -> l.contains("\"coco/AP\"")), "val scalars");
    List<String> log = Files.readAllLines(logDir.resolve(logDir.getFileName() + ".log"));
    String pattern = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d - mmengine - INFO - Epoch\\(train\\) \\[1\\]\\[ 5/10\\]  lr: \\d\\.\\d{4}e-\\d\\d  eta: \\d+:\\d\\d:\\d\\d"
        + "  time: \\d+\\.\\d{4}  data_time: \\d+\\.\\d{4}  memory: \\d+  grad_norm: \\d+\\.\\d{4}  loss: \\d+\\.\\d{4}  loss_mse: \\d+\\.\\d{4}  acc_pose: \\d\\.\\d{4}";
    assertTrue(log.stream().anyMatch(l -> l.matches(pattern)), "no line matches the MMEngine format:\n" + String.join("\n", log));
    assertTrue(log.stream().anyMatch(l -> l.matches(".*Epoch\\(val\\) \\[1\\]\\[4/4\\]  coco/AP: \\d\\.\\d{4}  reg/mse: \\d+\\.\\d{4}  data_time: .*")),
        String.join("\n", log));
  }
}
