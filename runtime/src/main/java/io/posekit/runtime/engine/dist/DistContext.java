package io.posekit.runtime.engine.dist;

import io.posekit.tfmodels.distributed.ByteGather;
import io.posekit.tfmodels.distributed.Collectives;
import io.posekit.tfmodels.distributed.DistInfo;
import io.posekit.tfmodels.distributed.TfCluster;
import java.time.Duration;
import java.util.List;
import io.posekit.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MMEngine's {@code init_dist}: this process's place in the run and, for a run of several, its
 * task of the TensorFlow cluster. A rank that stops makes every other process stop with an error
 * naming it (exit code {@link #LOST_RANK_EXIT}), so no process hangs in a collective that cannot
 * finish; a process alive but stuck is caught by the collectives' timeout ({@code dist_cfg.timeout}).
 */
public final class DistContext {
  /** The exit code of a process that stopped because another rank was lost. */
  public static final int LOST_RANK_EXIT = 75;
  private static final Logger LOG = LoggerFactory.getLogger(DistContext.class);
  public static final DistContext SINGLE = new DistContext(DistEnv.single(), null, Duration.ofMinutes(30));

  private final DistEnv env;
  private final @Nullable TfCluster cluster;
  private final Duration timeout;

  private DistContext(DistEnv env, @Nullable TfCluster cluster, Duration timeout) {
    this.env = env;
    this.cluster = cluster;
    this.timeout = timeout;
  }

  /**
   * Joins the run {@code env} describes (one process: nothing to join). {@code timeout} bounds the
   * rendezvous and every collective, as {@code init_process_group(timeout=...)} does.
   */
  public static DistContext init(DistEnv env, Duration timeout) {
    if (!env.info().isDistributed()) {
      return new DistContext(env, null, timeout);
    }
    TfCluster cluster = TfCluster.start(env.info(), env.masterAddr(), env.masterPort(), timeout);
    cluster.rendezvous().watch(message -> {
      LOG.error("rank {}: {}; stopping this process (resume from the last checkpoint with --resume)",
          env.info().rank(), message);
      Runtime.getRuntime().halt(LOST_RANK_EXIT);
    });
    LOG.info("rank {} of {} joined the run at {}:{}", env.info().rank(), env.info().worldSize(), env.masterAddr(), env.masterPort());
    return new DistContext(env, cluster, timeout);
  }

  public DistInfo info() {
    return env.info();
  }

  public DistEnv env() {
    return env;
  }

  public boolean isDistributed() {
    return cluster != null;
  }

  /** The cluster this process is a task of, or null in a one-process run. */
  public @Nullable TfCluster cluster() {
    return cluster;
  }

  /** Collectives over every rank on {@code deviceType} ({@code CPU} or {@code GPU}) {@code index} of this task. */
  public Collectives collectives(String deviceType, int index) {
    if (cluster == null) {
      throw new IllegalStateException("a one-process run has no collectives");
    }
    return new Collectives(env.info().worldSize(), cluster.taskDevice() + "/device:" + deviceType + ":" + index, timeout);
  }

  public Duration timeout() {
    return timeout;
  }

  /** MMEngine's {@code all_gather_object} for bytes: every rank's {@code mine}, in rank order. */
  public List<byte[]> allGatherBytes(byte[] mine) {
    if (cluster == null) {
      return List.of(mine);
    }
    return ByteGather.allGather(cluster, mine, timeout);
  }
}
