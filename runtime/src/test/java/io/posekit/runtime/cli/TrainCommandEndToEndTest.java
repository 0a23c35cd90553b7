package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.registry.Registry;
import io.posekit.tfmodels.nn.Precision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo config end to end on a tiny synthetic set: train, checkpoint, {@code --resume}, then
 * {@code test} on the checkpoint {@code save_best} kept. The loss falls, the best checkpoint is the
 * epoch with the highest val AP, {@code test} reproduces that epoch's validation metrics exactly,
 * and {@code test --dump} of the last checkpoint gives the very predictions its validation made
 * (a few iterations do not make a model that scores, so the metrics alone could agree by being 0).
 */
class TrainCommandEndToEndTest {
  private static final Path DEMO = Path.of("../configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py");
  private static final Pattern LOSS = Pattern.compile("Epoch\\(train\\) +\\[(\\d+)]\\[ *(\\d+)/\\d+].*  loss: (\\d+\\.\\d+)");

  /** Runs {@code posekit <args>} as the jar would and returns what it printed. */
  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      CommandLine cl = Main.commandLine(Registry::load);
      code = cl.execute(args);
    } finally {
      System.setOut(old);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    assertEquals(0, code, text);
    return text;
  }

  /** The demo config shrunk to 16 train and 8 val images of 160x120, every iteration logged. */
  private static List<String> dataOptions(Path data) {
    return List.of("--cfg-options",
        "demo_data.data_root=" + data, "demo_data.num_train=16", "demo_data.num_val=8", "demo_data.width=160", "demo_data.height=120",
        "train_dataloader.dataset.data_root=" + data, "val_dataloader.dataset.data_root=" + data,
        "test_dataloader.dataset.data_root=" + data, "default_hooks.logger.interval=1");
  }

  /** The demo config whose validation also dumps its predictions (MMEngine's DumpResults) to {@code valDump}. */
  private static Path config(Path dir, Path valDump) throws IOException {
    Path config = dir.resolve("demo_with_val_dump.py");
    Files.writeString(config, String.join("\n",
        "_base_ = ['" + DEMO.toAbsolutePath().normalize() + "']",
        "val_evaluator = [dict(type='CocoMetric'), dict(type='DumpResults', out_file_path='" + valDump + "')]",
        "test_evaluator = dict(type='CocoMetric')", ""));
    return config;
  }

  private static String[] train(Path config, Path data, Path work, int epochs, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", config.toString(), "--work-dir", work.toString()));
    a.addAll(dataOptions(data));
    a.add("train_cfg.max_epochs=" + epochs);
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  private static String[] test(Path config, Path checkpoint, Path data, Path tmp, String... extra) {
    List<String> a = new ArrayList<>(List.of("test", config.toString(), checkpoint.toString(), "--work-dir", tmp.resolve("test").toString()));
    a.addAll(List.of(extra));
    a.addAll(dataOptions(data));
    return a.toArray(String[]::new);
  }

  /** Every validation's metrics by epoch, at full precision, from the runs' {@code vis_data/scalars.json}. */
  private static Map<Integer, Map<String, Double>> valMetrics(Path work) throws IOException {
    Map<Integer, Map<String, Double>> byEpoch = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(work)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("scalars.json")).toList()) {
        for (String line : Files.readAllLines(f)) {
          Map<String, Object> row = json.readValue(line, new TypeReference<Map<String, Object>>() {});
          if (row.containsKey("coco/AP")) {
            Map<String, Double> metrics = new TreeMap<>();
            row.forEach((k, v) -> {
              if (k.startsWith("coco/")) {
                metrics.put(k, ((Number) v).doubleValue());
              }
            });
            byEpoch.put(((Number) row.get("step")).intValue(), metrics);
          }
        }
      }
    }
    return byEpoch;
  }

  @Test
  void trainsResumesAndTestReproducesTheBestCheckpointsValidation(@TempDir Path tmp) throws IOException {
    Path data = tmp.resolve("data");
    Path work = tmp.resolve("work");
    Path valDump = tmp.resolve("val_predictions.json");
    Path config = config(tmp, valDump);
    String first = run(train(config, data, work, 2));
    assertTrue(Files.exists(data.resolve("annotations/person_keypoints_train2017.json")), "demo data generated");

    Matcher m = LOSS.matcher(first);
    List<Double> losses = new ArrayList<>();
    while (m.find()) {
      losses.add(Double.parseDouble(m.group(3)));
    }
    int perEpoch = losses.size() / 2;
    assertTrue(perEpoch >= 2 && losses.size() == 2 * perEpoch, "2 epochs, every iteration logged:\n" + first);
    assertTrue(losses.get(losses.size() - 1) < losses.get(0), "loss fell: " + losses);
    assertTrue(first.matches("(?s).*Epoch\\(val\\) \\[2]\\[\\d+/\\d+\\]  coco/AP: \\d\\.\\d+.*"), "validation prints coco/AP:\n" + first);
    assertTrue(Files.exists(work.resolve("epoch_2.pth")), "epoch checkpoint");
    assertEquals(work.resolve("epoch_2.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(work).toAbsolutePath());

    String resumed = run(train(config, data, work, 3, "--resume"));
    assertTrue(resumed.contains("resumed epoch: 2, iter: " + 2 * perEpoch), resumed);
    assertTrue(resumed.matches("(?s).*Epoch\\(train\\) +\\[3]\\[ *" + perEpoch + "/" + perEpoch + "].*"), "epoch 3 trained:\n" + resumed);
    assertTrue(!resumed.matches("(?s).*Epoch\\(train\\) +\\[1]\\[.*"), "epoch 1 not repeated");
    assertTrue(resumed.matches("(?s).*Epoch\\(val\\) \\[3]\\[\\d+/\\d+\\]  coco/AP: \\d\\.\\d+.*"), resumed);
    assertEquals(work.resolve("epoch_3.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(work).toAbsolutePath());

    // save_best='coco/AP', rule='greater': one best checkpoint, of the first epoch with the highest AP
    Map<Integer, Map<String, Double>> val = valMetrics(work);
    assertEquals(List.of(1, 2, 3), List.copyOf(val.keySet()), "a validation after every epoch");
    int bestEpoch = 1;
    for (int e : val.keySet()) {
      if (val.get(e).get("coco/AP") > val.get(bestEpoch).get("coco/AP")) {
        bestEpoch = e;
      }
    }
    List<Path> best;
    try (Stream<Path> s = Files.list(work)) {
      best = s.filter(p -> p.getFileName().toString().startsWith("best_coco_AP_epoch_")).toList();
    }
    assertEquals(List.of(work.resolve("best_coco_AP_epoch_" + bestEpoch + ".pth")), best, "val metrics " + val);

    Path metricsFile = tmp.resolve("out/metrics.json");
    String tested = run(test(config, best.get(0), data, tmp, "--out", metricsFile.toString()));
    assertTrue(tested.matches("(?s).*Epoch\\(test\\) \\[\\d+/\\d+\\]  coco/AP: \\d\\.\\d+.*"), "test prints the metrics:\n" + tested);
    Map<String, Double> testMetrics = new TreeMap<>(new ObjectMapper().readValue(metricsFile.toFile(), new TypeReference<Map<String, Double>>() {}));
    assertEquals(val.get(bestEpoch), testMetrics, "test of the best checkpoint = its validation");

    // the val dump holds epoch 3's predictions: testing epoch_3.pth must predict exactly the same
    Path dumpFile = tmp.resolve("out/predictions.json");
    run(test(config, work.resolve("epoch_3.pth"), data, tmp, "--dump", dumpFile.toString()));
    JsonNode predictions = new ObjectMapper().readTree(dumpFile.toFile());
    assertEquals(new ObjectMapper().readTree(valDump.toFile()), predictions, "test --dump of epoch_3.pth = epoch 3's validation predictions");
    JsonNode valAnnotations = new ObjectMapper().readTree(data.resolve("annotations/person_keypoints_val2017.json").toFile()).get("annotations");
    assertEquals(valAnnotations.size(), predictions.size(), "one dumped prediction per val instance");
    JsonNode pred = predictions.get(0).get("pred_instances");
    assertEquals(17, pred.get("keypoints").get(0).size());
    assertEquals(2, pred.get("keypoints").get(0).get(0).size());
    assertEquals(17, pred.get("keypoint_scores").get(0).size());

    // test_cfg.fp16=True (MMEngine's TestLoop under autocast: bfloat16 on a CPU) predicts what
    // float32 does up to bfloat16 rounding. Compared by score: after 3 epochs on 16 images the
    // heatmaps are nearly flat, so their argmax (the keypoint) flips on rounding-sized differences;
    // keypoints are compared on trained models (PthFixtureTest; the demo in docs/benchmarks.md)
    Path bf16File = tmp.resolve("out/predictions_bf16.json");
    run(test(config, work.resolve("epoch_3.pth"), data, tmp, "--dump", bf16File.toString(), "--cfg-options", "test_cfg.fp16=True"));
    JsonNode bf16 = new ObjectMapper().readTree(bf16File.toFile());
    assertEquals(predictions.size(), bf16.size());
    double scoreDiff = 0;
    double scoreSum = 0;
    for (int i = 0; i < predictions.size(); i++) {
      JsonNode a = predictions.get(i).get("pred_instances").get("keypoint_scores").get(0);
      JsonNode b = bf16.get(i).get("pred_instances").get("keypoint_scores").get(0);
      for (int k = 0; k < 17; k++) {
        scoreDiff += Math.abs(a.get(k).asDouble() - b.get(k).asDouble());
        scoreSum += Math.abs(a.get(k).asDouble());
      }
    }
    if (!Precision.BFLOAT16.computesHere()) {
      assertEquals(0.0, scoreDiff, "where TensorFlow does not do bfloat16 (no AVX-512) the scores are float32's");
      return;
    }
    assertTrue(scoreDiff > 0, "bfloat16 ran: its scores are not float32's bit for bit");
    assertTrue(scoreDiff / scoreSum < 0.05, "scores within 5 % of float32's: " + scoreDiff / scoreSum);
  }
}
