package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** tools/train.py's flags that rewrite the config: --no-validate, --auto-scale-lr, --show-dir. */
class TrainCommandFlagsTest {
  private static final Path CONFIG = Path.of("src/test/resources/configs/crash/td-hm_res18-micro_crash-64x48.py");


  private static CommandRun train(Path tmp, String... flags) {
    return train(tmp, CONFIG, flags);
  }

  private static CommandRun train(Path tmp, Path config, String... flags) {
    Path data = tmp.resolve("data");
    List<String> args = new ArrayList<>(List.of(config.toString(), "--work-dir", tmp.resolve("work").toString()));
    args.addAll(List.of(flags));
    // no val_dataloader key: --no-validate made it None, and a dict cannot merge into None
    args.addAll(List.of("--cfg-options", "demo_data.data_root=" + data, "train_dataloader.dataset.data_root=" + data));
    if (config.equals(CONFIG)) {
      args.add("train_cfg.max_epochs=1"); // the epoch-based micro config: one epoch is enough
    }
    return CommandRun.of(new TrainCommand(Registry::load), args);
  }

  @Test
  void noValidateSkipsValidationAndAutoScaleLrScalesByTheBatchSize(@TempDir Path tmp) {
    CommandRun r = train(tmp, "--no-validate", "--auto-scale-lr", "--cfg-options", "auto_scale_lr.base_batch_size=8");
    assertEquals(0, r.code(), r.out() + r.err());
    assertFalse(r.out().contains("Epoch(val)"), "no validation:\n" + r.out());
    assertTrue(r.out().contains("LR is set based on batch size of 8 and the current batch size is 4. Scaling the original LR by 0.5."),
        r.out());
    // lr 2e-3, halved, times the warm-up's start factor 0.1 at the first iteration
    assertTrue(r.out().matches("(?s).*Epoch\\(train\\) +\\[1]\\[ *1/\\d+]  lr: 1\\.0000e-04 .*"), r.out());
  }

  @Test
  void testShowDirAndBadcaseDrawEveryTestSampleAndListTheBadOnes(@TempDir Path tmp) throws Exception {
    CommandRun trained = train(tmp, "--no-validate");
    assertEquals(0, trained.code(), trained.out() + trained.err());
    Path data = tmp.resolve("data");
    Path work = tmp.resolve("test");
    List<String> args = List.of(CONFIG.toString(), tmp.resolve("work/epoch_1.pth").toString(), "--work-dir", work.toString(),
        "--show-dir", "vis", "--badcase", "--cfg-options", "demo_data.data_root=" + data, "test_dataloader.dataset.data_root=" + data,
        "default_hooks.badcase.badcase_thr=0"); // every sample has a loss >= 0: all are bad cases
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new TestCommand(Registry::load));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());

    Path logDir;
    try (Stream<Path> dirs = Files.list(work)) {
      logDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    JsonNode instances = new ObjectMapper().readTree(data.resolve("annotations/person_keypoints_val2017.json").toFile()).get("annotations");
    long people = 0;
    for (JsonNode a : instances) {
      people += a.get("num_keypoints").asInt() > 0 ? 1 : 0;
    }
    try (Stream<Path> drawn = Files.list(logDir.resolve("vis"))) {
      assertEquals(people, drawn.count(), "one drawing per test sample");
    }
    JsonNode bad = new ObjectMapper().readTree(logDir.resolve("badcase/results.json").toFile());
    assertEquals(people, bad.size(), "badcase_thr=0: every sample listed");
    // the metric is the head's loss (KeypointMSELoss), as tools/test.py sets it
    assertTrue(bad.get(0).has("KeypointMSELoss"), bad.get(0).toString());
  }

  /** MMEngine's load_from takes an MMPose .pth as well as our own checkpoints: the same weights test the same. */
  @Test
  void testLoadsAnMmposePthAsItLoadsOurCheckpoint(@TempDir Path tmp) throws Exception {
    CommandRun trained = train(tmp, "--no-validate");
    assertEquals(0, trained.code(), trained.out() + trained.err());
    Path ours = tmp.resolve("work/epoch_1.pth");
    // the same weights as a PyTorch zip checkpoint, with the model's PyTorch-layout shapes
    io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator model =
        (io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator) Registry.load().withDefaultScope("mmpose").build(
            io.posekit.annotations.Registries.MODELS, (java.util.Map<?, ?>) io.posekit.runtime.config.Config.fromFile(CONFIG).get("model"),
            io.posekit.spi.BuildContext.empty());
    java.util.Map<String, io.posekit.tfmodels.weights.FloatArray> shapes;
    try (var g = model.buildInferenceGraph(1, 64, 48, io.posekit.tfmodels.datasets.DatasetMeta.coco().flipIndices(), 1)) {
      shapes = g.stateDict().asMap();
    }
    var checkpoint = io.posekit.runtime.engine.checkpoint.CheckpointIO.load(ours);
    io.posekit.tfmodels.weights.StateDict weights = new io.posekit.tfmodels.weights.StateDict();
    shapes.forEach((name, like) -> weights.put(name, new io.posekit.tfmodels.weights.FloatArray(like.shape(),
        checkpoint.arrays().get(io.posekit.runtime.engine.checkpoint.Checkpoint.STATE_DICT + name))));
    Path pth = tmp.resolve("mmpose_style.pth");
    io.posekit.tfmodels.weights.TorchCheckpointWriter.save(java.util.Map.of("state_dict", weights), pth);

    Path data = tmp.resolve("data");
    java.util.function.Function<Path, String> metrics = checkpointFile -> {
      Path out = tmp.resolve(checkpointFile.getFileName() + ".json");
      CommandLine cl = new CommandLine(new TestCommand(Registry::load));
      StringWriter err = new StringWriter();
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(CONFIG.toString(), checkpointFile.toString(), "--work-dir", tmp.resolve("test").toString(),
          "--dump", out.toString(), "--cfg-options", "demo_data.data_root=" + data, "test_dataloader.dataset.data_root=" + data);
      assertEquals(0, code, err.toString());
      try {
        return Files.readString(out);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    // the dumped predictions, not only the metrics: after one epoch the AP may be 0 whatever the weights
    String fromOurs = metrics.apply(ours);
    assertTrue(fromOurs.contains("keypoints"), fromOurs);
    assertEquals(fromOurs, metrics.apply(pth));
    // other weights (the graph's own initialisation) predict something else, so the comparison can fail
    io.posekit.tfmodels.weights.StateDict untrained = new io.posekit.tfmodels.weights.StateDict();
    shapes.forEach(untrained::put);
    Path other = tmp.resolve("untrained.pth");
    io.posekit.tfmodels.weights.TorchCheckpointWriter.save(java.util.Map.of("state_dict", untrained), other);
    assertTrue(!fromOurs.equals(metrics.apply(other)), "different weights, different predictions");
  }

  /** MMEngine's train_cfg=dict(by_epoch=False, max_iters=...) trains a top-down model by iterations. */
  @Test
  void byEpochFalseTrainsByIterations(@TempDir Path tmp) throws Exception {
    Path iterConfig = tmp.resolve("iter-based.py");
    Files.writeString(iterConfig, "_base_ = '" + CONFIG.toAbsolutePath() + "'\n"
        + "train_cfg = dict(_delete_=True, by_epoch=False, max_iters=6, val_interval=100)\n"
        + "default_hooks = dict(checkpoint=dict(by_epoch=False, interval=3))\n"
        + "log_processor = dict(by_epoch=False)\n");
    CommandRun r = train(tmp, iterConfig, "--no-validate");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*Iter\\(train\\) \\[6/6]  lr: .*"), r.out());
    assertTrue(Files.exists(tmp.resolve("work/iter_3.pth")) && Files.exists(tmp.resolve("work/iter_6.pth")), "checkpoints by iteration");
  }

  @Test
  void autoScaleLrNeedsABaseBatchSizeAndShowDirTheVisualizationHook(@TempDir Path tmp) throws Exception {
    CommandRun noBase = train(tmp, "--auto-scale-lr");
    assertEquals(1, noBase.code());
    assertTrue(noBase.err().contains("auto_scale_lr.enable=True needs an int auto_scale_lr.base_batch_size, got None"), noBase.err());
    Path withoutHooks = tmp.resolve("no-hooks.py");
    Files.writeString(withoutHooks, "_base_ = '" + CONFIG.toAbsolutePath() + "'\n"
        + "default_hooks = dict(_delete_=True, logger=dict(type='LoggerHook', interval=1))\n");
    CommandRun noHook = train(tmp, withoutHooks, "--show-dir", "vis");
    assertEquals(1, noHook.code());
    assertTrue(noHook.err().contains("--show-dir needs default_hooks.visualization"), noHook.err());
  }
}
