package io.posekit.tfmodels.distributed;

/**
 * MMEngine's {@code get_dist_info()} plus the local view: this process's {@code rank} of
 * {@code worldSize}, and its {@code localRank} of the {@code localWorldSize} processes on its node.
 */
public record DistInfo(int rank, int worldSize, int localRank, int localWorldSize) {
  public static final DistInfo SINGLE = new DistInfo(0, 1, 0, 1);

  public DistInfo {
    if (worldSize < 1 || rank < 0 || rank >= worldSize) {
      throw new IllegalArgumentException("rank " + rank + " is not in a world of " + worldSize + " processes");
    }
    if (localWorldSize < 1 || localRank < 0 || localRank >= localWorldSize) {
      throw new IllegalArgumentException("local rank " + localRank + " is not among " + localWorldSize + " local processes");
    }
  }

  public boolean isDistributed() {
    return worldSize > 1;
  }

  /** MMEngine's {@code is_main_process()}: the one process that logs and writes checkpoints. */
  public boolean isMain() {
    return rank == 0;
  }
}
