package io.posekit.runtime.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code java -jar runtime.jar train} process with SIGKILL, once in the middle of an
 * epoch and once in the middle of a checkpoint write (held there by {@link AtomicFiles}' fault
 * injection), then resumes with {@code --resume}: the previous checkpoint must still load, and the
 * resumed run must end with the weights of an uninterrupted run with the same seed.
 */
class CrashResumeIT {
  private static final Path CONFIG = Path.of("src/test/resources/configs/crash/td-hm_res18-micro_crash-64x48.py").toAbsolutePath();
  private static final long TIMEOUT_S = 240;

  @TempDir static Path shared;
  private static Path data;
  private static Map<String, float[]> uninterrupted;

  private record Run(int exitCode, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }

  private static List<String> command(Path workDir, String... extra) {
    Path jar = Path.of(System.getProperty("posekit.runtimeJar", "target/runtime.jar")).toAbsolutePath();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String e : extra) {
      if (e.startsWith("-D")) {
        cmd.add(e);
      }
    }
    cmd.addAll(List.of("-jar", jar.toString(), "train", CONFIG.toString(), "--work-dir", workDir.toString(), "--cfg-options",
        "demo_data.data_root=" + data, "train_dataloader.dataset.data_root=" + data, "val_dataloader.dataset.data_root=" + data));
    for (String e : extra) {
      if (!e.startsWith("-D")) {
        cmd.add(e);
      }
    }
    return cmd;
  }

  /** Runs the command; when {@code killWhen} matches an output line the process is killed with SIGKILL. */
  private static Run run(List<String> cmd, Predicate<String> killWhen) throws Exception {
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    CountDownLatch matched = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
          }
          if (killWhen.test(line)) {
            matched.countDown();
          }
        }
      } catch (IOException e) {
        // the stream closes when the process is killed
      }
    });
    reader.start();
    boolean killed = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (process.isAlive() && System.nanoTime() < deadline) {
      if (matched.await(50, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        killed = true;
        break;
      }
    }
    assertTrue(process.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "process did not end: " + cmd);
    reader.join(10_000);
    synchronized (lines) {
      Run run = new Run(killed ? -9 : process.exitValue(), List.copyOf(lines));
      System.out.println("---- " + String.join(" ", cmd) + "\n" + run.text());
      return run;
    }
  }

  private static Map<String, float[]> weights(Path checkpoint) {
    return CheckpointIO.load(checkpoint).arraysUnder(Checkpoint.STATE_DICT);
  }

  @BeforeAll
  static void trainWithoutInterruption() throws Exception {
    data = shared.resolve("data");
    Path work = shared.resolve("uninterrupted");
    Run run = run(command(work), line -> false);
    assertEquals(0, run.exitCode(), run.text());
    uninterrupted = weights(work.resolve("epoch_3.pth"));
    assertFalse(uninterrupted.isEmpty());
  }

  private static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((key, e) -> {
      float[] a = actual.get(key);
      assertEquals(e.length, a.length, key);
      for (int i = 0; i < e.length; i++) {
        assertEquals(e[i], a[i], 1e-6, key + "[" + i + "]");
      }
    });
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void killedInTheMiddleOfAnEpochResumesFromTheLastCheckpoint(@TempDir Path tmp) throws Exception {
    Path work = tmp.resolve("work");
    Run killed = run(command(work), line -> line.matches(".*Epoch\\(train\\) +\\[2]\\[ *2/\\d+].*"));
    assertEquals(-9, killed.exitCode(), "the process was killed during epoch 2:\n" + killed.text());
    assertEquals(work.resolve("epoch_1.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(work).toAbsolutePath());

    Run resumed = run(command(work, "--resume"), line -> false);
    assertEquals(0, resumed.exitCode(), resumed.text());
    assertTrue(resumed.text().matches("(?s).*resumed epoch: 1, iter: \\d+ from .*epoch_1\\.pth.*"), resumed.text());
    assertSameWeights(uninterrupted, weights(work.resolve("epoch_3.pth")));
  }

  @Test
  void killedInTheMiddleOfACheckpointWriteKeepsThePreviousCheckpoint(@TempDir Path tmp) throws Exception {
    Path work = tmp.resolve("work");
    Run killed = run(command(work, "-D" + AtomicFiles.PAUSE_WRITING + "=epoch_2.pth"),
        line -> line.contains("fault injection: paused writing"));
    assertEquals(-9, killed.exitCode(), "the process was killed while writing epoch_2.pth:\n" + killed.text());
    List<String> files = names(work);
    assertFalse(files.contains("epoch_2.pth"), "no half-written checkpoint under its final name: " + files);
    assertTrue(files.stream().anyMatch(f -> f.startsWith(".epoch_2.pth.tmp-")), "the half-written temporary file is there: " + files);
    Path last = CheckpointIO.findLastCheckpoint(work);
    assertEquals(work.resolve("epoch_1.pth").toAbsolutePath(), last.toAbsolutePath());
    Map<?, ?> meta = (Map<?, ?>) CheckpointIO.load(last).meta().get("meta");
    assertEquals(1, ((Number) meta.get("epoch")).intValue(), "the previous checkpoint loads");

    Run resumed = run(command(work, "--resume"), line -> false);
    assertEquals(0, resumed.exitCode(), resumed.text());
    assertTrue(resumed.text().matches("(?s).*resumed epoch: 1, iter: \\d+ from .*epoch_1\\.pth.*"), resumed.text());
    assertSameWeights(uninterrupted, weights(work.resolve("epoch_3.pth")));
  }
}
