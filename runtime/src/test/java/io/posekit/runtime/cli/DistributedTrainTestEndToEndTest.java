package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} and {@code test} with {@code --nproc-per-node 2}: the command starts two worker
 * processes that train the demo config data-parallel (SyncBN), rank 0 alone writes the checkpoint,
 * and a two-process {@code test} of it gives exactly the metrics one process gives (the
 * predictions gathered from both ranks in the data set's order, none lost or repeated: 9 val
 * images do not divide over 2 ranks).
 */
class DistributedTrainTestEndToEndTest {
  private static final Path DEMO = Path.of("../configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py")
      .toAbsolutePath().normalize();

  private static List<String> dataOptions(Path data) {
    return List.of("--cfg-options",
        "demo_data.data_root=" + data, "demo_data.num_train=16", "demo_data.num_val=9", "demo_data.width=160",
        "demo_data.height=120", "train_dataloader.dataset.data_root=" + data, "val_dataloader.dataset.data_root=" + data,
        "test_dataloader.dataset.data_root=" + data, "train_dataloader.batch_size=4", "val_dataloader.batch_size=4",
        "test_dataloader.batch_size=4", "train_dataloader.num_workers=0", "val_dataloader.num_workers=0",
        "test_dataloader.num_workers=0", "train_cfg.max_epochs=1", "sync_bn=torch", "default_hooks.logger.interval=1");
  }

  @Test
  void twoWorkersTrainAndTheirTestEqualsOneProcesssTest(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path work = tmp.resolve("work");
    List<String> train = new ArrayList<>(List.of("train", DEMO.toString(), "--work-dir", work.toString(),
        "--nproc-per-node", "2", "--master-port", String.valueOf(freePort())));
    train.addAll(dataOptions(data));
    String trained = posekit(train);
    assertTrue(trained.contains("rank 1 of 2 joined the run") || trained.contains("started 2 worker processes"), trained);
    assertTrue(Files.exists(work.resolve("epoch_1.pth")), "rank 0 wrote the checkpoint:\n" + trained);
    assertTrue(trained.matches("(?s).*Epoch\\(val\\) \\[1]\\[\\d+/\\d+\\]  coco/AP: \\d\\.\\d+.*"), trained);

    Path two = tmp.resolve("two.json");
    List<String> test2 = new ArrayList<>(List.of("test", DEMO.toString(), work.resolve("epoch_1.pth").toString(),
        "--work-dir", tmp.resolve("t2").toString(), "--out", two.toString(),
        "--nproc-per-node", "2", "--master-port", String.valueOf(freePort())));
    test2.addAll(dataOptions(data));
    posekit(test2);
    Path one = tmp.resolve("one.json");
    List<String> test1 = new ArrayList<>(List.of("test", DEMO.toString(), work.resolve("epoch_1.pth").toString(),
        "--work-dir", tmp.resolve("t1").toString(), "--out", one.toString()));
    test1.addAll(dataOptions(data));
    posekit(test1);
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(one.toFile());
    JsonNode b = json.readTree(two.toFile());
    assertTrue(a.has("coco/AP"), a.toString());
    assertEquals(a, b, "two processes' metrics equal one process's");
    assertFalse(a.get("coco/AP").asText().isEmpty());
  }

  /** {@code java -cp <this classpath> Main args}, as the jar runs; returns what it printed, exit 0 asserted. */
  private static String posekit(List<String> args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(600, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("posekit " + args + " did not end in 600 s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    return text;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
