package io.posekit.runtime.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * torchrun on one node: starts this node's worker processes with this process's own command line
 * and torchrun's variables ({@code RANK}, {@code LOCAL_RANK}, {@code WORLD_SIZE},
 * {@code LOCAL_WORLD_SIZE}, {@code MASTER_ADDR}, {@code MASTER_PORT}; {@code OMP_NUM_THREADS=1}
 * unless set, as torchrun does), then waits. When one worker fails the others are stopped and its
 * exit code is this command's; Ctrl-C stops them all.
 */
final class WorkerLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);
  /** How long stopped workers get to end before they are killed. */
  private static final long GRACE_SECONDS = 10;

  private WorkerLauncher() {}

  /** Runs this node's workers to the end; the exit code of the run. */
  static int run(LauncherArgs args) throws InterruptedException {
    List<String> command = ownCommandLine();
    int world = args.nnodes * args.nprocPerNode;
    List<Process> workers = new ArrayList<>();
    Thread stopOnExit = new Thread(() -> stopAll(workers), "posekit-stop-workers");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      for (int local = 0; local < args.nprocPerNode; local++) {
        int rank = args.nodeRank * args.nprocPerNode + local;
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.putAll(variables(args, rank, local, world));
        env.putIfAbsent("OMP_NUM_THREADS", "1");
        try {
          workers.add(builder.start());
        } catch (java.io.IOException e) {
          stopAll(workers);
          throw new IllegalStateException("could not start worker rank " + rank + ": " + e.getMessage(), e);
        }
      }
      LOG.info("started {} worker processes (ranks {}..{} of {}), master {}:{}", workers.size(),
          args.nodeRank * args.nprocPerNode, args.nodeRank * args.nprocPerNode + workers.size() - 1, world,
          args.masterAddr, args.masterPort);
      return waitForAll(workers, args.nodeRank * args.nprocPerNode);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs
      }
    }
  }

  static Map<String, String> variables(LauncherArgs args, int rank, int localRank, int world) {
    Map<String, String> env = new HashMap<>();
    env.put("RANK", String.valueOf(rank));
    env.put("LOCAL_RANK", String.valueOf(localRank));
    env.put("WORLD_SIZE", String.valueOf(world));
    env.put("LOCAL_WORLD_SIZE", String.valueOf(args.nprocPerNode));
    env.put("MASTER_ADDR", args.masterAddr);
    env.put("MASTER_PORT", String.valueOf(args.masterPort));
    return env;
  }

  /** Waits until every worker ended; at the first failure stops the rest and returns its code. */
  private static int waitForAll(List<Process> workers, int firstRank) throws InterruptedException {
    int running = workers.size();
    boolean[] done = new boolean[workers.size()];
    while (running > 0) {
      for (int i = 0; i < workers.size(); i++) {
        if (done[i] || !workers.get(i).waitFor(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
        done[i] = true;
        running--;
        int code = workers.get(i).exitValue();
        if (code != 0) {
          LOG.error("worker rank {} (pid {}) exited with code {}: stopping the other workers", firstRank + i,
              workers.get(i).pid(), code);
          stopAll(workers);
          return code;
        }
      }
    }
    return 0;
  }

  private static void stopAll(List<Process> workers) {
    workers.forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
    for (Process worker : workers) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!worker.waitFor(left, TimeUnit.NANOSECONDS)) {
          worker.destroyForcibly();
        }
      } catch (InterruptedException e) {
        worker.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * This JVM's command line (java, its options, the jar or class, the arguments), to start workers
   * alike: Linux's {@code /proc/self/cmdline} (whole, where {@code ProcessHandle} gives up on a
   * long class path), else what {@code ProcessHandle} knows.
   */
  private static List<String> ownCommandLine() {
    Path cmdline = Path.of("/proc/self/cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        String all = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>(List.of(all.split("\0")));
        if (!parts.isEmpty()) {
          parts.set(0, ProcessHandle.current().info().command().orElse(parts.get(0)));
          return parts;
        }
      } catch (IOException e) {
        // fall through to ProcessHandle
      }
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    Optional<String> java = info.command();
    Optional<String[]> arguments = info.arguments();
    if (java.isEmpty() || arguments.isEmpty()) {
      throw new IllegalStateException("this platform does not tell a process its own command line;"
          + " start the workers yourself with --launcher tf and torchrun's variables");
    }
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.addAll(List.of(arguments.get()));
    return command;
  }
}
