package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typo in any section of a config fails {@code train} before any work (no work dir, no demo
 * data written), naming the file and line where it was written, the key path and the closest
 * name; a part that fails to build names the key that set what is missing.
 */
class TrainConfigProblemsTest {
  private static final Path BASE = Path.of("src/test/resources/configs/crash/td-hm_res18-micro_crash-64x48.py");

  @TempDir Path tmp;

  /** Trains a child of the micro config whose second line is {@code line}. */
  private CommandRun trainChild(String line) throws Exception {
    Path child = tmp.resolve("child.py");
    Files.writeString(child, "_base_ = '" + BASE.toAbsolutePath() + "'\n" + line + "\n");
    Path data = tmp.resolve("data");
    return CommandRun.of(new TrainCommand(Registry::load), List.of(child.toString(), "--work-dir", tmp.resolve("work").toString(),
        "--cfg-options", "demo_data.data_root=" + data, "train_dataloader.dataset.data_root=" + data,
        "val_dataloader.dataset.data_root=" + data));
  }

  private void assertFailsBeforeWork(CommandRun run, String keyPath, String suggestion) {
    assertEquals(1, run.code(), run.out() + run.err());
    String at = tmp.resolve("child.py").toAbsolutePath().normalize() + ":2: " + keyPath + ": ";
    assertTrue(run.err().contains(at), "expected '" + at + "' in\n" + run.err());
    assertTrue(run.err().contains("did you mean '" + suggestion + "'?"), run.err());
    assertFalse(Files.exists(tmp.resolve("work")), "no work dir before the config is checked");
    assertFalse(Files.exists(tmp.resolve("data")), "no demo data written before the config is checked");
  }

  @Test
  void aTypoInAHookKey() throws Exception {
    assertFailsBeforeWork(trainChild("default_hooks = dict(checkpoint=dict(type='CheckpointHook', interval=1, save_bset='auto'))"),
        "default_hooks.checkpoint.save_bset", "save_best");
  }

  @Test
  void aTypoInAnOptimizerKey() throws Exception {
    assertFailsBeforeWork(trainChild("optim_wrapper = dict(optimizer=dict(type='Adam', lr=2e-3, weight_decy=1e-4))"),
        "optim_wrapper.optimizer.weight_decy", "weight_decay");
  }

  @Test
  void aTypoInAnOptimWrapperKeyWhoseTypeTheRunnerFillsIn() throws Exception {
    assertFailsBeforeWork(trainChild("optim_wrapper = dict(clip_gard=dict(max_norm=1.0))"), "optim_wrapper.clip_gard", "clip_grad");
  }

  @Test
  void aTypoInASchedulerKey() throws Exception {
    assertFailsBeforeWork(trainChild("param_scheduler = [dict(type='LinearLR', begin=0, end=4, start_factr=0.1, by_epoch=False)]"),
        "param_scheduler.0.start_factr", "start_factor");
  }

  @Test
  void aTypoInADataloaderKey() throws Exception {
    assertFailsBeforeWork(trainChild("train_dataloader = dict(batch_sze=4)"), "train_dataloader.batch_sze", "batch_size");
  }

  @Test
  void aTypoInATopLevelKey() throws Exception {
    assertFailsBeforeWork(trainChild("param_schedular = [dict(type='ConstantLR', factor=1.0)]"), "param_schedular", "param_scheduler");
  }

  @Test
  void aTypoInALoopKey() throws Exception {
    assertFailsBeforeWork(trainChild("train_cfg = dict(max_epoch=1)"), "train_cfg.max_epoch", "max_epochs");
  }

  @Test
  void everyProblemIsReportedAtOnceWithWrongTypesAndMissingValues() throws Exception {
    CommandRun run = trainChild("randomness = dict(seed='7', deterministc=True); train_dataloader = dict(num_workers=1.5); "
        + "val_evaluator = None");
    assertEquals(1, run.code(), run.out() + run.err());
    String file = tmp.resolve("child.py").toAbsolutePath().normalize().toString();
    for (String expected : List.of(
        file + ":2: randomness.seed: ",
        file + ":2: randomness.deterministc: unknown key",
        file + ":2: train_dataloader.num_workers: ",
        "val_evaluator: val_dataloader is set but val_evaluator is not")) {
      assertTrue(run.err().contains(expected), "expected '" + expected + "' in\n" + run.err());
    }
    assertFalse(Files.exists(tmp.resolve("data")), "no demo data written before the config is checked");
  }

  /** The data set's annotation file is missing: the message names ann_file where it was written and data_root. */
  @Test
  void aDatasetThatCannotReadItsAnnotationsNamesTheKeyAndDataRoot() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path child = tmp.resolve("child.py");
    Files.writeString(child, "_base_ = '" + BASE.toAbsolutePath() + "'\n");
    CommandRun run = CommandRun.of(new TrainCommand(Registry::load), List.of(child.toString(), "--work-dir", tmp.resolve("work").toString(),
        "--cfg-options", "demo_data.data_root=" + tmp.resolve("data"), "train_dataloader.dataset.data_root=" + empty + "/"));
    assertEquals(1, run.code(), run.out() + run.err());
    List<String> base = Files.readAllLines(BASE);
    int line = 1 + base.indexOf(base.stream().filter(l -> l.contains("ann_file='annotations/person_keypoints_train2017.json'"))
        .findFirst().orElseThrow());
    // the base file's line, then the child that inherits it
    String at = BASE.toAbsolutePath().normalize() + ":" + line + " (via " + child.toAbsolutePath().normalize() + "): "
        + "train_dataloader.dataset.ann_file: ";
    assertTrue(run.err().contains(at), "expected '" + at + "' in\n" + run.err());
    assertTrue(run.err().contains("person_keypoints_train2017.json: no such COCO annotation file"), run.err());
    assertTrue(run.err().contains("below data_root='" + empty + "/'"), run.err());
    assertTrue(run.err().contains("--cfg-options train_dataloader.dataset.data_root=/path/to/data/"), run.err());
  }
}
