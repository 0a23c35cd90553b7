package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.registry.Registry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The micro top-down config trained with MMEngine's other optimizer options, which its graph carries out. */
class TrainOptimWrapperTest {
  private static final Path CONFIG = Path.of("src/test/resources/configs/crash/td-hm_res18-micro_crash-64x48.py");

  /** The synthetic data set, generated once for the class. */
  @TempDir static Path shared;


  private static CommandRun train(Path tmp, Path config, Path work, String... flags) {
    Path data = shared.resolve("data");
    List<String> args = new ArrayList<>(List.of(config.toString(), "--work-dir", work.toString(), "--no-validate"));
    args.addAll(List.of(flags));
    args.addAll(List.of("--cfg-options", "demo_data.data_root=" + data, "train_dataloader.dataset.data_root=" + data));
    return CommandRun.of(new TrainCommand(Registry::load), args);
  }

  private static Path config(Path tmp, String name, String body) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, "_base_ = '" + CONFIG.toAbsolutePath() + "'\n" + body);
    return file;
  }

  /** Every training iteration's scalars from {@code <work>/<timestamp>/vis_data/scalars.json}. */
  private static List<JsonNode> scalars(Path work) throws Exception {
    Path logDir;
    try (Stream<Path> dirs = Files.list(work)) {
      logDir = dirs.filter(d -> Files.exists(d.resolve("vis_data/scalars.json"))).findFirst().orElseThrow();
    }
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(logDir.resolve("vis_data/scalars.json"))) {
      JsonNode node = json.readTree(line);
      if (node.has("loss")) {
        out.add(node);
      }
    }
    return out;
  }

  @Test
  void sgdWithMomentumWeightDecayClipGradAndNormDecayMultTrainsTheMicroConfig(@TempDir Path tmp) throws Exception {
    Path cfg = config(tmp, "sgd.py", """
        optim_wrapper = dict(_delete_=True, optimizer=dict(type='SGD', lr=0.5, momentum=0.9, weight_decay=1e-4),
                             clip_grad=dict(max_norm=35), paramwise_cfg=dict(norm_decay_mult=0))
        """);
    CommandRun r = train(tmp, cfg, tmp.resolve("work"), "--cfg-options", "train_cfg.max_epochs=2");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("grad_norm: "), "MMEngine logs grad_norm with clip_grad:\n" + r.out());
    List<JsonNode> iters = scalars(tmp.resolve("work"));
    assertTrue(iters.size() >= 6, "2 epochs of a few iterations, got " + iters.size());
    for (JsonNode it : iters) {
      assertTrue(Double.isFinite(it.get("loss").asDouble()) && Double.isFinite(it.get("grad_norm").asDouble()), it.toString());
    }
    double first = (iters.get(0).get("loss").asDouble() + iters.get(1).get("loss").asDouble()) / 2;
    // test (weights only) with the base config, whose model trains with Adam: the SGD state is not needed
    CommandLine test = new CommandLine(new TestCommand(Registry::load));
    StringWriter err = new StringWriter();
    test.setErr(new PrintWriter(err));
    Path data = shared.resolve("data");
    int code = test.execute(CONFIG.toString(), tmp.resolve("work/epoch_2.pth").toString(), "--work-dir", tmp.resolve("test").toString(),
        "--cfg-options", "demo_data.data_root=" + data, "test_dataloader.dataset.data_root=" + data);
    assertEquals(0, code, err.toString());
    int n = iters.size();
    double last = (iters.get(n - 2).get("loss").asDouble() + iters.get(n - 1).get("loss").asDouble()) / 2;
    assertTrue(last < first, "the loss falls: " + iters.stream().map(i -> i.get("loss").asText()).toList());
  }

  /**
   * SGD with nesterov momentum and accumulative_counts=3 over 2 epochs of 7 iterations: the epoch-1
   * checkpoint falls in the middle of a window (iteration 7 of 3+3+3+3+2, the tail MMEngine scales
   * by 2), and resuming from it ends
   * with the weights, momentum buffers and step count of the uninterrupted run.
   */
  @Test
  void resumingMidAccumulationWithSgdMomentumEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path cfg = config(tmp, "sgd-accum.py", """
        optim_wrapper = dict(_delete_=True, optimizer=dict(type='SGD', lr=0.5, momentum=0.9, nesterov=True, weight_decay=1e-4),
                             accumulative_counts=3)
        train_cfg = dict(max_epochs=2)
        """);
    Path straight = tmp.resolve("straight");
    CommandRun full = train(tmp, cfg, straight);
    assertEquals(0, full.code(), full.out() + full.err());
    Checkpoint middle = CheckpointIO.load(straight.resolve("epoch_1.pth"));
    // the optimizer's state_dict: buffers by parameter index, the gradient of the open window as grad_accum
    double window = middle.arraysUnder("optimizer/state/").entrySet().stream().filter(e -> e.getKey().endsWith("/grad_accum"))
        .mapToDouble(e -> maxAbs(e.getValue())).max().orElse(0);
    assertTrue(window > 0, "the epoch-1 checkpoint holds a partly accumulated gradient");

    Path resumed = tmp.resolve("resumed");
    CommandRun again = train(tmp, cfg, resumed, "--resume", straight.resolve("epoch_1.pth").toString());
    assertEquals(0, again.code(), again.out() + again.err());
    Checkpoint straightEnd = CheckpointIO.load(straight.resolve("epoch_2.pth"));
    Checkpoint resumedEnd = CheckpointIO.load(resumed.resolve("epoch_2.pth"));
    assertEquals(((Map<?, ?>) straightEnd.meta().get("optimizer")).get("steps"), ((Map<?, ?>) resumedEnd.meta().get("optimizer")).get("steps"),
        "the optimizer's step counts");
    Map<String, float[]> expected = straightEnd.arrays();
    Map<String, float[]> actual = resumedEnd.arrays();
    assertEquals(expected.keySet(), actual.keySet());
    assertTrue(expected.containsKey(Checkpoint.STATE_DICT + "head.final_layer.weight"), expected.keySet().toString());
    assertTrue(expected.keySet().stream().anyMatch(k -> k.matches("optimizer/state/\\d+/momentum_buffer")), expected.keySet().toString());
    expected.forEach((name, values) -> {
      float[] other = actual.get(name);
      for (int i = 0; i < values.length; i++) {
        assertEquals(values[i], other[i], 1e-6 * Math.max(1, Math.abs(values[i])), name + "[" + i + "]");
      }
    });
  }

  @Test
  void whatTheGraphCannotDoIsAnErrorNamingTheKey(@TempDir Path tmp) throws Exception {
    CommandRun rmsprop = train(tmp, config(tmp, "rmsprop.py", "optim_wrapper = dict(_delete_=True, optimizer=dict(type='RMSprop', lr=0.01))\n"),
        tmp.resolve("w1"));
    assertEquals(1, rmsprop.code());
    // no RMSprop is registered, so the typed reading stops it where it was written
    assertTrue(rmsprop.err().contains("rmsprop.py:2: optim_wrapper.optimizer.type: unknown Optimizer type 'RMSprop'"), rmsprop.err());
    CommandRun typo = train(tmp, config(tmp, "typo.py", "optim_wrapper = dict(paramwise_cfg=dict(norm_decay=0.0))\n"), tmp.resolve("w2"));
    assertEquals(1, typo.code());
    assertTrue(typo.err().matches("(?s).*typo\\.py:2: optim_wrapper\\.paramwise_cfg\\.norm_decay: unknown key 'norm_decay'.*"), typo.err());
  }

  private static double maxAbs(float[] values) {
    double m = 0;
    for (float v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
