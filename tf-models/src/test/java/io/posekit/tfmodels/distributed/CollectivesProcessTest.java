package io.posekit.tfmodels.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real worker processes meeting through {@link Rendezvous} and reducing over TensorFlow's gRPC runtime. */
class CollectivesProcessTest {

  @Test
  void twoProcessesAllReduceAndGatherAcrossTheirServers() throws Exception {
    int port = freePort();
    Process r0 = worker(0, 2, port, "reduce");
    Process r1 = worker(1, 2, port, "reduce");
    String out0 = finish(r0);
    String out1 = finish(r1);
    // rank 0 has (1, 10, 0), rank 1 has (2, 20, -1)
    for (String out : List.of(out0, out1)) {
      assertTrue(out.contains("MEAN [1.5, 15.0, -0.5]"), out);
      assertTrue(out.contains("SUM [3.0, 30.0, -1.0]"), out);
      assertTrue(out.contains("GATHER [1.0, 10.0, 0.0, 2.0, 20.0, -1.0]"), out);
    }
    assertEquals(0, r0.exitValue());
    assertEquals(0, r1.exitValue());
  }

  @Test
  void aRankThatDiesIsNamedToTheOthers() throws Exception {
    int port = freePort();
    Process r0 = worker(0, 3, port, "reduce");
    Process r1 = worker(1, 3, port, "reduce");
    Process r2 = worker(2, 3, port, "die-after-join");
    String out2 = finish(r2);
    assertEquals(7, r2.exitValue());
    String out0 = finish(r0);
    String out1 = finish(r1);
    assertTrue(out0.contains("LOST rank 2 stopped"), out0);
    assertTrue(out1.contains("LOST rank 2 stopped"), out1);
    assertEquals(3, r0.exitValue());
    assertEquals(3, r1.exitValue());
    assertFalse(out2.contains("MEAN"), out2);
  }

  @Test
  void anUnreachableMasterFailsNamingTheAddress() {
    int port = freePort(); // nobody listens there
    DistributedException e = assertThrows(DistributedException.class,
        () -> Rendezvous.join(new DistInfo(1, 2, 1, 2), "127.0.0.1", port, 1, Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("rank 1 could not reach the master 127.0.0.1:" + port + " within 1 s"), e.getMessage());
  }

  @Test
  void aMasterPortInUseFailsAtStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      DistributedException e = assertThrows(DistributedException.class,
          () -> Rendezvous.join(new DistInfo(0, 2, 0, 2), "127.0.0.1", port, 1, Duration.ofSeconds(1)));
      assertTrue(e.getMessage().contains("cannot listen on the master address 127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("--master-port"), e.getMessage());
    }
  }

  @Test
  void rankZeroNamesTheRanksThatNeverCame() {
    int port = freePort();
    DistributedException e = assertThrows(DistributedException.class,
        () -> Rendezvous.join(new DistInfo(0, 3, 0, 3), "127.0.0.1", port, 1, Duration.ofMillis(500)));
    assertTrue(e.getMessage().contains("only ranks [0] of 3 joined: ranks [1, 2] did not start"), e.getMessage());
  }

  private static Process worker(int rank, int world, int port, String mode) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        CollectiveWorker.class.getName(), String.valueOf(rank), String.valueOf(world), String.valueOf(port), mode));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String finish(Process process) throws Exception {
    byte[] bytes = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("worker did not end in 60 s");
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
