package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train on a tiny synthetic set, then --resume: loss falls, checkpoints exist, validation prints coco/AP. */
class TrainCommandEndToEndTest {
  private static final Path CONFIG = Path.of("../configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-64x48.py");
  private static final Pattern LOSS = Pattern.compile("Epoch\\(train\\) +\\[(\\d+)]\\[ *(\\d+)/\\d+].*  loss: (\\d+\\.\\d+)");

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      CommandLine cl = new CommandLine(new TrainCommand(Registry::load));
      code = cl.execute(args);
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    assertEquals(0, code, text);
    return text;
  }

  private static String[] args(Path data, Path work, int epochs, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of(CONFIG.toString(), "--work-dir", work.toString(), "--cfg-options",
        "demo_data.data_root=" + data, "demo_data.num_train=16", "demo_data.num_val=8", "demo_data.width=160", "demo_data.height=120",
        "train_dataloader.dataset.data_root=" + data, "val_dataloader.dataset.data_root=" + data,
        "train_cfg.max_epochs=" + epochs));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void trainsCheckpointsAndResumes(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("data");
    Path work = tmp.resolve("work");
    String first = run(args(data, work, 2));
    assertTrue(Files.exists(data.resolve("annotations/person_keypoints_train2017.json")), "demo data generated");

    Matcher m = LOSS.matcher(first);
    List<Double> losses = new java.util.ArrayList<>();
    while (m.find()) {
      losses.add(Double.parseDouble(m.group(3)));
    }
    assertEquals(8, losses.size(), "2 epochs x 4 iterations logged:\n" + first);
    assertTrue(losses.get(7) < losses.get(0), "loss fell: " + losses);
    assertTrue(first.matches("(?s).*Epoch\\(val\\) \\[2]\\[3/3\\]  coco/AP: \\d\\.\\d+.*"), "validation prints coco/AP:\n" + first);
    assertTrue(Files.exists(work.resolve("epoch_2.pth")), "epoch checkpoint");
    assertEquals(work.resolve("epoch_2.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(work).toAbsolutePath());
    try (Stream<Path> s = Files.list(work)) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("best_coco_AP_epoch_")), "save_best kept a checkpoint");
    }

    String resumed = run(args(data, work, 3, "--resume"));
    assertTrue(resumed.contains("resumed epoch: 2, iter: 8"), resumed);
    assertTrue(resumed.matches("(?s).*Epoch\\(train\\) +\\[3]\\[ *4/4].*"), "epoch 3 trained:\n" + resumed);
    assertTrue(!resumed.matches("(?s).*Epoch\\(train\\) +\\[1]\\[.*"), "epoch 1 not repeated");
    assertTrue(resumed.matches("(?s).*Epoch\\(val\\) \\[3]\\[3/3\\]  coco/AP: \\d\\.\\d+.*"), resumed);
    assertEquals(work.resolve("epoch_3.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(work).toAbsolutePath());
  }
}
