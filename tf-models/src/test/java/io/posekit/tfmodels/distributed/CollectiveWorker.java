package io.posekit.tfmodels.distributed;

import java.time.Duration;
import java.util.Arrays;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * One rank of {@link CollectivesProcessTest}, run in its own JVM: joins the cluster, runs an
 * all-reduce (mean and sum) and an all-gather of rank-dependent values, prints them, or with
 * {@code die-after-join} exits right after the rendezvous, or with {@code wait} blocks in a
 * collective its dead peer never joins.
 */
public final class CollectiveWorker {
  public static void main(String[] args) throws Exception {
    int rank = Integer.parseInt(args[0]);
    int world = Integer.parseInt(args[1]);
    int masterPort = Integer.parseInt(args[2]);
    String mode = args.length > 3 ? args[3] : "reduce";
    DistInfo dist = new DistInfo(rank, world, rank, world);
    TfCluster cluster = TfCluster.start(dist, "127.0.0.1", masterPort, Duration.ofSeconds(20));
    cluster.rendezvous().watch(message -> {
      System.out.println("LOST " + message);
      System.out.flush();
      Runtime.getRuntime().halt(3);
    });
    if (mode.equals("die-after-join")) {
      Runtime.getRuntime().halt(7);
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(org.tensorflow.DeviceSpec.newBuilder()
          .job(TfCluster.JOB).replica(0).task(rank).deviceType(org.tensorflow.DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
      Collectives collectives = new Collectives(world, cluster.taskDevice() + "/device:CPU:0", Duration.ofSeconds(30));
      Operand<TFloat32> x = tf.constant(new float[] {rank + 1f, 10f * (rank + 1), -rank});
      Operand<TFloat32> mean = collectives.allReduceMean(tf, x);
      Operand<TFloat32> sum = collectives.allReduceSum(tf, x);
      Operand<TFloat32> gathered = collectives.allGather(tf, tf.reshape(x, tf.constant(new long[] {1, 3})));
      try (Session session = cluster.openSession(graph, ConfigProto.getDefaultInstance())) {
        var result = session.runner().fetch(mean).fetch(sum).fetch(gathered).run();
        System.out.println("MEAN " + Arrays.toString(values((TFloat32) result.get(0))));
        System.out.println("SUM " + Arrays.toString(values((TFloat32) result.get(1))));
        System.out.println("GATHER " + Arrays.toString(values((TFloat32) result.get(2))));
        result.close();
      }
    }
    System.out.flush();
    Runtime.getRuntime().halt(0); // TensorFlow cannot stop its gRPC server: end the process
  }

  private static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }
}
