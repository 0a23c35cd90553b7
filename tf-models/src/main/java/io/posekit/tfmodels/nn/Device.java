package io.posekit.tfmodels.nn;

import io.posekit.annotations.Nullable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.posekit.tfmodels.distributed.Collectives;
import io.posekit.tfmodels.distributed.DataParallel;
import io.posekit.tfmodels.distributed.TfCluster;
import java.time.Duration;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Where a model's graph runs, named as MMEngine and PyTorch name devices: {@code 'cpu'},
 * {@code 'cuda'} (GPU 0) or {@code 'cuda:N'}; {@code None}/{@code 'auto'} leaves placement to
 * TensorFlow (a GPU of the {@code -Pgpu} build when one is visible, else the CPU), as MMEngine
 * picks CUDA when it is available. An explicit device is a hard requirement: TensorFlow fails the
 * run when it does not exist.
 *
 * <p>In a data-parallel run ({@link #inCluster}) the device is this process's task of the
 * TensorFlow cluster: its ops are placed on {@code /job:worker/replica:0/task:R}, its sessions
 * target the task's server, and {@link #collectives()} average over the ranks.
 */
public record Device(String name, @Nullable DeviceSpec spec, @Nullable DataParallel parallel) {
  public static final Device AUTO = new Device("auto", null);

  public Device(String name, @Nullable DeviceSpec spec) {
    this(name, spec, null);
  }
  private static final Pattern CUDA = Pattern.compile("(?:cuda|gpu)(?::(\\d+))?");

  /** Parses a config's or flag's device string; {@code where} names it in the error. */
  public static Device parse(@Nullable Object value, String where) {
    if (value == null || "auto".equals(value)) {
      return AUTO;
    }
    String text = String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT);
    if (text.equals("cpu")) {
      return new Device("cpu", DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
    }
    Matcher m = CUDA.matcher(text);
    if (m.matches()) {
      int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      return new Device("cuda:" + index, DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(index).build());
    }
    throw new IllegalArgumentException(where + ": unknown device '" + value + "': use 'cpu', 'cuda', 'cuda:N' or 'auto'");
  }

  /**
   * This device on this process's task of {@code cluster}, one process per device as MMEngine runs
   * DDP: a GPU device becomes the GPU of the process's local rank ({@code cuda:LOCAL_RANK}), any
   * other the task's CPU. {@code timeout} bounds every collective; {@code syncAllBatchNorm} is
   * {@code cfg.sync_bn}.
   */
  public Device inCluster(TfCluster cluster, Duration timeout, boolean syncAllBatchNorm) {
    DeviceSpec.DeviceType type = isGpu() ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU;
    int index = isGpu() ? cluster.dist().localRank() : 0;
    DeviceSpec placed = DeviceSpec.newBuilder().job(TfCluster.JOB).replica(0).task(cluster.dist().rank())
        .deviceType(type).deviceIndex(index).build();
    String local = (isGpu() ? "GPU" : "CPU") + ":" + index;
    Collectives collectives = new Collectives(cluster.dist().worldSize(), cluster.taskDevice() + "/device:" + local, timeout);
    return new Device((isGpu() ? "cuda:" + index : "cpu") + " of rank " + cluster.dist().rank(), placed,
        new DataParallel(cluster, collectives, syncAllBatchNorm));
  }

  /** The collectives of a data-parallel device, else null. */
  public @Nullable Collectives collectives() {
    return parallel == null ? null : parallel.collectives();
  }

  /** A session on {@code graph}: in a cluster against this task's server, else in this process. */
  public Session openSession(Graph graph, ConfigProto config) {
    return parallel == null ? new Session(graph, config) : parallel.cluster().openSession(graph, config);
  }

  /** {@code tf} with this placement for every op it creates. */
  public Ops place(Ops tf) {
    return spec == null ? tf : tf.withDevice(spec);
  }

  public boolean isGpu() {
    return spec != null && spec.deviceType() == DeviceSpec.DeviceType.GPU;
  }
}
