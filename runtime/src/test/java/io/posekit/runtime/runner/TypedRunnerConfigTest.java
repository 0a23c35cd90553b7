package io.posekit.runtime.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.loops.IterBasedTrainLoopConfig;
import io.posekit.runtime.engine.loops.TestLoopConfig;
import io.posekit.runtime.engine.optim.OptimWrapperConfig;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TypedRunnerConfig} reads and refuses, per mode, independent of any data. */
class TypedRunnerConfigTest {
  private static final Registry REGISTRY = Registry.load();
  /** Two lines: MMPose's scope and a small top-down model. */
  private static final String MODEL = "default_scope = 'mmpose'\n"
      + "model = dict(type='TopdownPoseEstimator', backbone=dict(type='ResNet', depth=18),"
      + " head=dict(type='HeatmapHead', in_channels=512, out_channels=17))\n";

  @TempDir Path tmp;

  private Config config(String text) throws Exception {
    Path file = tmp.resolve("cfg.py");
    Files.writeString(file, text);
    return Config.fromFile(file);
  }

  private List<String> problems(RunnerKeys.Mode mode, String text) throws Exception {
    Config cfg = config(text);
    return assertThrows(ConfigException.class, () -> TypedRunnerConfig.read(cfg, REGISTRY, mode)).problems().stream()
        .map(ConfigProblem::format).toList();
  }

  @Test
  void everyKeyAModeNeedsIsReportedAtOnce() throws Exception {
    String model = MODEL;
    List<String> test = problems(RunnerKeys.Mode.TEST, model + "work_dir = 'w'\n");
    assertEquals(3, test.size(), test.toString());
    for (String key : List.of("test_dataloader", "test_evaluator", "load_from")) {
      assertTrue(test.stream().anyMatch(p -> p.contains(key + ": missing required key '" + key + "' for test")), test.toString());
    }
    List<String> train = problems(RunnerKeys.Mode.TRAIN, model);
    assertEquals(4, train.size(), train.toString()); // work_dir, train_dataloader, train_cfg, optim_wrapper
    TypedRunnerConfig infer = TypedRunnerConfig.forInfer(config(model), REGISTRY);
    assertEquals("TopdownPoseEstimator", infer.model().type());
  }

  @Test
  void theRunnerTypesTheDictsItBuildsWithoutATypeAsMmengineDoes() throws Exception {
    TypedRunnerConfig cfg = TypedRunnerConfig.forInfer(config(
        MODEL
            + "train_cfg = dict(by_epoch=False, max_iters=10, val_interval=5)\n"
            + "test_cfg = dict(fp16=True)\n"
            + "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1))\n"
            + "codec = dict(type='MSRAHeatmap', input_size=(48, 64), heatmap_size=(12, 16), sigma=1)\n"), REGISTRY);
    IterBasedTrainLoopConfig loop = assertInstanceOf(IterBasedTrainLoopConfig.class, cfg.module("train_cfg"));
    assertEquals(10, loop.maxIters());
    assertEquals(5, loop.valInterval());
    assertTrue(assertInstanceOf(TestLoopConfig.class, cfg.module("test_cfg")).fp16());
    assertInstanceOf(OptimWrapperConfig.class, cfg.module("optim_wrapper"));
    // codec is one of MMPose's config variables, not a misspelt runner key
    assertEquals("MSRAHeatmap", cfg.module("codec").type());
    assertNull(cfg.dataLoader("train_dataloader"));
  }

  @Test
  void wrongTypesOfRunnerValuesAndSectionsNameTheirLine() throws Exception {
    List<String> found = problems(RunnerKeys.Mode.INFER,
        MODEL
            + "resume = 3\n"
            + "train_cfg = dict(by_epoch='no', max_epochs=2)\n"
            + "env_cfg = dict(cudnn_benchmark=False, dist_cfg='nccl')\n"
            + "defualt_hooks = dict()\n");
    String file = tmp.resolve("cfg.py").toAbsolutePath().normalize().toString();
    assertEquals(4, found.size(), found.toString());
    assertTrue(found.contains(file + ":3: resume: expected bool or str but got int 3"), found.toString());
    assertTrue(found.stream().anyMatch(p -> p.startsWith(file + ":4: train_cfg.by_epoch: by_epoch must be True or False")), found.toString());
    assertTrue(found.stream().anyMatch(p -> p.startsWith(file + ":5: env_cfg.dist_cfg: expected a dict")), found.toString());
    assertTrue(found.stream().anyMatch(p -> p.startsWith(file + ":6: defualt_hooks: unknown top-level key")
        && p.contains("did you mean 'default_hooks'?")), found.toString());
  }
}
