package io.posekit.tfmodels.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MMEngine's data-parallel semantics on real processes: two ranks with half the batch each, their
 * gradients averaged by the collectives and batch norm synchronised ({@code sync_bn}), end with
 * the weights one process reaches on the whole batch (float32 reduction order aside).
 */
class DataParallelTrainingTest {
  private static final int STEPS = 5;

  @Test
  void twoRanksOnHalfBatchesTrainAsOneProcessOnTheWholeBatch(@TempDir Path dir) throws Exception {
    Path single = dir.resolve("single.bin");
    Path rank0 = dir.resolve("rank0.bin");
    Path rank1 = dir.resolve("rank1.bin");
    int port = freePort();
    Process p0 = worker(0, 2, port, rank0);
    Process p1 = worker(1, 2, port, rank1);
    Process one = worker(0, 1, 0, single);
    for (Process p : List.of(p0, p1, one)) {
      String out = finish(p);
      assertEquals(0, p.exitValue(), out);
    }
    Map<String, float[]> expected = read(single);
    Map<String, float[]> r0 = read(rank0);
    Map<String, float[]> r1 = read(rank1);
    assertEquals(expected.keySet(), r0.keySet());
    int compared = 0;
    for (String key : expected.keySet()) {
      float[] e = expected.get(key);
      float[] a = r0.get(key);
      float[] b = r1.get(key);
      double scale = 0;
      for (float v : e) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < e.length; i++) {
        assertEquals(a[i], b[i], 0.0, key + "[" + i + "]: the two ranks hold different weights");
        // 1e-5 of the tensor's largest magnitude (at least 1e-3): reduction order moves the last bits of
        // values that are sums of cancelling terms (a zero-initialised BN bias after a few steps)
        assertEquals(e[i], a[i], 1e-5 * Math.max(scale, 1e-3), key + "[" + i + "]");
        compared++;
      }
    }
    assertTrue(expected.containsKey("backbone.bn1.running_var"), expected.keySet().toString());
    assertTrue(compared > 10_000, "compared " + compared);
  }

  private static Map<String, float[]> read(Path file) throws IOException {
    Map<String, float[]> values = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      while (true) {
        String key;
        try {
          key = in.readUTF();
        } catch (EOFException e) {
          return values;
        }
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
        }
        values.put(key, v);
      }
    }
  }

  private static Process worker(int rank, int world, int port, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        DataParallelWorker.class.getName(), String.valueOf(rank), String.valueOf(world), String.valueOf(port),
        String.valueOf(STEPS), out.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OMP_NUM_THREADS", "1");
    return builder.start();
  }

  private static String finish(Process process) throws Exception {
    byte[] bytes = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("worker did not end in 120 s");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
