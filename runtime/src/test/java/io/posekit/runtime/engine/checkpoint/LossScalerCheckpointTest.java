package io.posekit.runtime.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.TrainLoop;
import io.posekit.runtime.engine.logging.LogProcessor;
import io.posekit.runtime.engine.loops.EpochBasedTrainLoopConfig;
import io.posekit.runtime.engine.optim.Adam;
import io.posekit.runtime.engine.optim.AmpOptimWrapper;
import io.posekit.runtime.engine.optim.GradScaler;
import io.posekit.runtime.engine.optim.ParamGroups;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.testing.LinearRegressionModel;
import io.posekit.runtime.engine.testing.RegressionData;
import io.posekit.spi.BuildContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MMEngine's AmpOptimWrapper.state_dict() carries the GradScaler's state as {@code loss_scaler}; resume restores it. */
class LossScalerCheckpointTest {
  private static Runner runner(Path workDir) {
    Randomness randomness = new Randomness(1, true);
    LinearRegressionModel model = new LinearRegressionModel(3, randomness.global());
    Runner runner = new Runner(model, workDir, randomness, new LogProcessor(5, true, 4)).quiet(true);
    runner.trainData(new RegressionData(8, 4, 7, true, randomness));
    runner.optimWrapper(new AmpOptimWrapper(
        new Adam(ParamGroups.single(model.parameters()), 1e-3, new double[] {0.9, 0.999}, 1e-8, 0, false), null, 1, "dynamic", null));
    runner.paramSchedulers(List.of());
    runner.trainLoop((TrainLoop) EpochBasedTrainLoopConfig.fromMap(Map.of("max_epochs", 1)).build(
        BuildContext.of(Map.of("runner", runner))));
    return runner;
  }

  private static GradScaler scaler(Runner runner) {
    return ((AmpOptimWrapper) runner.optimWrapper()).gradScaler();
  }

  @Test
  void resumeRestoresTheLossScaleAndGrowthTracker(@TempDir Path tmp) {
    Runner trained = runner(tmp.resolve("a"));
    scaler(trained).update(false); // an overflow: 65536 -> 32768
    for (int i = 0; i < 3; i++) {
      scaler(trained).update(true); // three finite steps towards the next growth
    }
    Path file = trained.saveCheckpoint(tmp.resolve("a"), "epoch_1.pth", true, true, true);
    Map<?, ?> optimizer = CheckpointIO.load(file).require("optimizer", Map.class);
    assertTrue(optimizer.get("loss_scaler") instanceof Map<?, ?>, optimizer.keySet().toString());

    Runner resumed = runner(tmp.resolve("b"));
    assertEquals(65536.0, scaler(resumed).scale());
    resumed.resume(file);
    assertEquals(32768.0, scaler(resumed).scale());
    assertEquals(Map.of("scale", 32768.0, "_growth_tracker", 3), scaler(resumed).stateDict());
  }
}
