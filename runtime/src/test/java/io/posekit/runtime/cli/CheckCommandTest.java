package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code check} on the shipped demo config and on configs that differ from it by one mistake. The
 * demo's data root is moved to a folder that does not exist: a config that builds proves that no
 * data file was read (the data sets, samplers and metrics would fail on the missing files).
 */
class CheckCommandTest {
  private static final Path DEMO = Path.of("../configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py")
      .toAbsolutePath().normalize();

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(Registry::load);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** The demo config with its data root in a missing folder, then {@code lines}. */
  private Path demoWith(Path file, String... lines) throws Exception {
    Files.createDirectories(file.getParent());
    String noData = tmp.resolve("no-data").toString() + "/";
    StringBuilder text = new StringBuilder("_base_ = ['" + DEMO + "']\n")
        .append("train_dataloader = dict(dataset=dict(data_root='").append(noData).append("'))\n")
        .append("val_dataloader = dict(dataset=dict(data_root='").append(noData).append("'))\n")
        .append("test_dataloader = val_dataloader\n")
        .append("val_evaluator = dict(ann_file='").append(noData).append("annotations/person_keypoints_val2017.json')\n")
        .append("test_evaluator = val_evaluator\n");
    for (String line : lines) {
      text.append(line).append('\n');
    }
    Files.writeString(file, text);
    return file;
  }

  @Test
  void theDemoConfigBuildsWithoutItsData() throws Exception {
    Path config = demoWith(tmp.resolve("demo.py"));
    assertEquals(0, run("check", config.toString()), out + "\n" + err);
    assertEquals(config + ": loaded, typed, built", out.toString().strip());
    assertFalse(Files.exists(tmp.resolve("no-data")), "check wrote or created data");
  }

  @Test
  void anUnregisteredTypeStopsTypingWithFileLineKeyPathAndTheClosestName() throws Exception {
    Path config = demoWith(tmp.resolve("typo_type.py"), "model = dict(head=dict(type='HeatmapHaed'))");
    assertEquals(1, run("check", config.toString()));
    List<String> lines = out.toString().strip().lines().toList();
    assertEquals(config + ": loaded; not typed (1 problem)", lines.get(0));
    // line 7 of the file: the base's 6 lines above it
    assertTrue(lines.get(1).strip().startsWith(config + ":7: model.head.type: unknown Head type 'HeatmapHaed'"), lines.get(1));
    assertTrue(lines.get(1).endsWith("(did you mean 'HeatmapHead'?)"), lines.get(1));
  }

  @Test
  void aTypoInAKeyStopsTypingWithTheKnownKey() throws Exception {
    Path config = demoWith(tmp.resolve("typo_key.py"), "default_hooks = dict(", "    checkpoint=dict(intervall=2))");
    assertEquals(1, run("check", config.toString()));
    List<String> lines = out.toString().strip().lines().toList();
    assertEquals(config + ": loaded; not typed (1 problem)", lines.get(0));
    assertEquals(config + ":8: default_hooks.checkpoint.intervall: unknown key 'intervall' for CheckpointHook (did you mean 'interval'?)",
        lines.get(1).strip());
  }

  @Test
  void aFolderEndsWithATablePerFamilyFolderAndTheBlockersByCount() throws Exception {
    Path tree = tmp.resolve("tree");
    demoWith(tree.resolve("body/topdown/coco/good.py"));
    demoWith(tree.resolve("body/topdown/mpii/bad.py"), "model = dict(head=dict(type='HeatmapHaed'))");
    demoWith(tree.resolve("face/x/bad.py"), "model = dict(head=dict(type='HeatmapHaed'), neck=dict(type='Nek'))",
        "default_hooks = dict(checkpoint=dict(intervall=2))");
    Files.createDirectories(tree.resolve("_base_"));
    Files.writeString(tree.resolve("_base_/not_a_config.py"), "x = dict(type='Unknown')\n"); // bases are not checked
    assertEquals(1, run("check", tree.toString()));
    String text = out.toString();
    String table = text.substring(text.indexOf("folder "));
    List<String> rows = table.lines().toList();
    // folder, configs, loaded, typed, built, stepped (no dry run)
    assertEquals(List.of("body/topdown", "2", "2", "1", "1", "-"), columns(rows.get(1), 6));
    assertEquals(List.of("face/x", "1", "1", "0", "0", "-"), columns(rows.get(2), 6));
    assertEquals(List.of("total", "3", "3", "1", "1", "-"), columns(rows.get(3), 6));
    assertEquals("blocking (configs stopped by each, once per config):", rows.get(4));
    assertEquals(List.of("2  type 'HeatmapHaed'", "1  key 'intervall' of CheckpointHook", "1  type 'Nek'"),
        rows.subList(5, rows.size()).stream().map(String::strip).toList());
    assertEquals(3, text.lines().filter(l -> l.startsWith(tree.toString())).count(), text);
  }

  private static List<String> columns(String row, int n) {
    return List.of(row.strip().split("\\s+")).subList(0, n);
  }

  @Test
  void aDryRunStepsTheModelOnRandomInput() throws Exception {
    Path config = demoWith(tmp.resolve("demo.py"));
    assertEquals(0, run("check", config.toString(), "--dry-run", "--format", "json"), out + "\n" + err);
    String record = out.toString().strip();
    assertTrue(record.contains("\"loaded\":true,\"typed\":true,\"built\":true,\"stepped\":true,\"failed\":null,\"problems\":[]"),
        record);
  }

  @Test
  void aDryRunStepsANarrowRtmposeOnSimccTargets() throws Exception {
    // RTMPose's model dict (mmdet-scoped CSPNeXt, RTMCCHead, SimCCLabel, KLDiscretLoss), narrow, on the demo
    Path config = demoWith(tmp.resolve("rtmpose.py"),
        "simcc = dict(type='SimCCLabel', input_size=(96, 128), sigma=(4.9, 5.66), simcc_split_ratio=2.0,",
        "             normalize=False, use_dark=False)",
        "model = dict(_delete_=True, type='TopdownPoseEstimator',",
        "    data_preprocessor=dict(type='PoseDataPreprocessor', mean=[123.675, 116.28, 103.53],",
        "                           std=[58.395, 57.12, 57.375], bgr_to_rgb=True),",
        "    backbone=dict(_scope_='mmdet', type='CSPNeXt', arch='P5', expand_ratio=0.5, deepen_factor=0.167,",
        "                  widen_factor=0.0625, out_indices=(4, ), channel_attention=True,",
        "                  norm_cfg=dict(type='SyncBN'), act_cfg=dict(type='SiLU')),",
        "    head=dict(type='RTMCCHead', in_channels=64, out_channels=17, input_size=simcc['input_size'],",
        "              in_featuremap_size=(3, 4), simcc_split_ratio=2.0, final_layer_kernel_size=7,",
        "              gau_cfg=dict(hidden_dims=32, s=16, expansion_factor=2, dropout_rate=0., drop_path=0.,",
        "                           act_fn='SiLU', use_rel_bias=False, pos_enc=False),",
        "              loss=dict(type='KLDiscretLoss', use_target_weight=True, beta=10., label_softmax=True),",
        "              decoder=simcc),",
        "    test_cfg=dict(flip_test=True))",
        "train_pipeline = [dict(type='LoadImage'), dict(type='GetBBoxCenterScale'),",
        "    dict(type='TopdownAffine', input_size=simcc['input_size']),",
        "    dict(type='GenerateTarget', encoder=simcc), dict(type='PackPoseInputs')]",
        "train_dataloader = dict(dataset=dict(pipeline=train_pipeline))");
    assertEquals(0, run("check", config.toString(), "--dry-run", "--format", "json"), out + "\n" + err);
    String record = out.toString().strip();
    assertTrue(record.contains("\"loaded\":true,\"typed\":true,\"built\":true,\"stepped\":true,\"failed\":null,\"problems\":[]"),
        record);
  }
}
