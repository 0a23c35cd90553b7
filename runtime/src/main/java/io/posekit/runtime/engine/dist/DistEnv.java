package io.posekit.runtime.engine.dist;

import io.posekit.tfmodels.distributed.DistInfo;
import java.util.Map;

/**
 * Where this process stands in a run, read as MMEngine's {@code init_dist(launcher)} reads it:
 * {@code none} is one process; {@code pytorch} and {@code tf} read torchrun's variables
 * ({@code RANK}, {@code WORLD_SIZE}, {@code LOCAL_RANK}, {@code LOCAL_WORLD_SIZE},
 * {@code MASTER_ADDR}, {@code MASTER_PORT}), which PoseKit's own launcher sets for the processes it
 * starts; {@code slurm} reads {@code SLURM_PROCID}, {@code SLURM_NTASKS}, {@code SLURM_LOCALID},
 * {@code SLURM_NTASKS_PER_NODE} and the first host of {@code SLURM_NODELIST} as the master, with
 * {@code MASTER_PORT} or 29500 as its port.
 */
public record DistEnv(String launcher, DistInfo info, String masterAddr, int masterPort) {
  public static final int DEFAULT_PORT = 29500;

  public static DistEnv single() {
    return new DistEnv("none", DistInfo.SINGLE, "127.0.0.1", DEFAULT_PORT);
  }

  /** This process's place for {@code launcher}, from {@code env} (the process's environment). */
  public static DistEnv read(String launcher, Map<String, String> env) {
    return switch (launcher) {
      case "none" -> single();
      case "pytorch", "tf" -> torchrun(launcher, env);
      case "slurm" -> slurm(env);
      case "mpi" -> throw new IllegalArgumentException("--launcher mpi: PoseKit starts its processes with --launcher tf"
          + " (torchrun's variables) or slurm; under mpirun, set RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT"
          + " from OMPI_COMM_WORLD_* and use --launcher tf");
      default -> throw new IllegalArgumentException("--launcher " + launcher + ": use none, tf, pytorch or slurm");
    };
  }

  private static DistEnv torchrun(String launcher, Map<String, String> env) {
    int world = integer(env, "WORLD_SIZE", launcher);
    int rank = integer(env, "RANK", launcher);
    int localRank = integer(env, "LOCAL_RANK", launcher);
    int localWorld = env.containsKey("LOCAL_WORLD_SIZE") ? integer(env, "LOCAL_WORLD_SIZE", launcher) : world;
    String addr = required(env, "MASTER_ADDR", launcher);
    int port = integer(env, "MASTER_PORT", launcher);
    return new DistEnv(launcher, info(rank, world, localRank, localWorld, launcher), addr, port);
  }

  private static DistEnv slurm(Map<String, String> env) {
    int rank = integer(env, "SLURM_PROCID", "slurm");
    int world = integer(env, "SLURM_NTASKS", "slurm");
    int localRank = integer(env, "SLURM_LOCALID", "slurm");
    int localWorld = env.containsKey("SLURM_NTASKS_PER_NODE")
        ? leadingInt(env.get("SLURM_NTASKS_PER_NODE"), "SLURM_NTASKS_PER_NODE") : 1;
    String addr = firstHost(required(env, "SLURM_NODELIST", "slurm"));
    int port = env.containsKey("MASTER_PORT") ? integer(env, "MASTER_PORT", "slurm") : DEFAULT_PORT;
    return new DistEnv("slurm", info(rank, world, localRank, Math.max(localWorld, localRank + 1), "slurm"), addr, port);
  }

  /**
   * The first host of a SLURM host list, as {@code scontrol show hostnames LIST | head -n1} gives
   * it: {@code node[03-05,9],gpu1} is {@code node03}.
   */
  static String firstHost(String nodeList) {
    String first = nodeList;
    int depth = 0;
    for (int i = 0; i < nodeList.length(); i++) {
      char c = nodeList.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        first = nodeList.substring(0, i);
        break;
      }
    }
    int open = first.indexOf('[');
    if (open < 0) {
      return first.strip();
    }
    int close = first.indexOf(']', open);
    if (close < 0) {
      throw new IllegalArgumentException("SLURM_NODELIST '" + nodeList + "' has an unclosed '['");
    }
    String range = first.substring(open + 1, close).split(",")[0];
    String start = range.split("-")[0];
    return first.substring(0, open) + start + first.substring(close + 1);
  }

  private static DistInfo info(int rank, int world, int localRank, int localWorld, String launcher) {
    try {
      return new DistInfo(rank, world, localRank, localWorld);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--launcher " + launcher + ": " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> env, String name, String launcher) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--launcher " + launcher + " needs the environment variable " + name
          + " (set by torchrun, SLURM or PoseKit's --nproc-per-node)");
    }
    return value.strip();
  }

  private static int integer(Map<String, String> env, String name, String launcher) {
    String value = required(env, name, launcher);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--launcher " + launcher + ": " + name + "='" + value + "' is not an integer");
    }
  }

  /** {@code SLURM_NTASKS_PER_NODE} may read {@code 4(x2)}: the count before the repeat. */
  private static int leadingInt(String value, String name) {
    int end = 0;
    while (end < value.length() && Character.isDigit(value.charAt(end))) {
      end++;
    }
    if (end == 0) {
      throw new IllegalArgumentException("--launcher slurm: " + name + "='" + value + "' does not start with a number");
    }
    return Integer.parseInt(value.substring(0, end));
  }
}
