package io.posekit.runtime.cli;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.dist.DistContext;
import io.posekit.runtime.engine.dist.DistEnv;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code tools/dist_train.sh}'s and torchrun's flags, shared by {@code train} and {@code test}:
 * {@code --nproc-per-node P} starts P worker processes on this node (ranks
 * {@code node_rank * P ...}); {@code --launcher tf|pytorch|slurm} makes this process one worker
 * of a run others started.
 */
final class LauncherArgs {
  @Option(names = "--launcher", defaultValue = "none", paramLabel = "KIND",
      description = "none (one process), tf or pytorch (torchrun's variables: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR,"
          + " MASTER_PORT), slurm (SLURM's variables). Default: ${DEFAULT-VALUE}.")
  String launcher;

  @Option(names = "--nnodes", defaultValue = "1", paramLabel = "N", description = "Nodes in the run (default ${DEFAULT-VALUE}).")
  int nnodes;

  @Option(names = "--node-rank", defaultValue = "0", paramLabel = "R", description = "This node's index, 0..N-1 (default ${DEFAULT-VALUE}).")
  int nodeRank;

  @Option(names = "--nproc-per-node", defaultValue = "1", paramLabel = "P",
      description = "Worker processes to start on this node, one per GPU on a GPU machine (default ${DEFAULT-VALUE}).")
  int nprocPerNode;

  @Option(names = "--master-addr", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Rank 0's address, the same on every node (default ${DEFAULT-VALUE}).")
  String masterAddr;

  @Option(names = "--master-port", defaultValue = "29500", paramLabel = "PORT",
      description = "Rank 0's rendezvous port, the same on every node (default ${DEFAULT-VALUE}).")
  int masterPort;

  /** Whether this process starts the workers (it was given several and is not one of them). */
  boolean spawnsWorkers(Map<String, String> env) {
    return (nprocPerNode > 1 || nnodes > 1) && !env.containsKey("RANK") && !"slurm".equals(launcher);
  }

  /** This process's place in the run: a worker started by PoseKit, torchrun or SLURM, or the only process. */
  DistEnv distEnv(Map<String, String> env) {
    validate();
    if (env.containsKey("RANK") && "none".equals(launcher)) {
      // a worker PoseKit's launcher started: its command line is the launcher's
      return DistEnv.read("tf", env);
    }
    return DistEnv.read(launcher, env);
  }

  /**
   * Joins the run this process belongs to (nothing to join for one process): {@code launcher} goes
   * into the config as {@code tools/train.py} puts it there, and {@code env_cfg.dist_cfg.timeout}
   * (seconds, MMEngine's default 1800) bounds the rendezvous and every collective.
   */
  DistContext join(Config cfg, Map<String, String> env) {
    DistEnv distEnv = distEnv(env);
    cfg.mergeFromDict(Map.of("launcher", distEnv.launcher()));
    Object envCfg = cfg.dict().get("env_cfg");
    Object distCfg = envCfg instanceof Map<?, ?> e ? e.get("dist_cfg") : null;
    Object timeout = distCfg instanceof Map<?, ?> d ? d.get("timeout") : null;
    long seconds = timeout instanceof Number n ? n.longValue() : 1800;
    return DistContext.init(distEnv, Duration.ofSeconds(seconds));
  }

  void validate() {
    if (nnodes < 1 || nprocPerNode < 1) {
      throw new IllegalArgumentException("--nnodes and --nproc-per-node must be at least 1, got " + nnodes + " and " + nprocPerNode);
    }
    if (nodeRank < 0 || nodeRank >= nnodes) {
      throw new IllegalArgumentException("--node-rank " + nodeRank + " is not in 0.." + (nnodes - 1) + " (--nnodes " + nnodes + ")");
    }
    if (masterPort < 1 || masterPort > 65535) {
      throw new IllegalArgumentException("--master-port " + masterPort + " is not a port (1..65535)");
    }
  }
}
