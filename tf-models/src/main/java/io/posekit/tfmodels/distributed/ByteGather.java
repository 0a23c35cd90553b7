package io.posekit.tfmodels.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt32;

/**
 * MMEngine's {@code all_gather_object} for bytes, over the collectives: every rank's byte array,
 * in rank order, on every rank. The lengths are gathered first, then the arrays padded to the
 * longest (as MMEngine pads its pickled parts) and gathered as 32-bit words on the CPU.
 */
public final class ByteGather {
  private ByteGather() {}

  public static List<byte[]> allGather(TfCluster cluster, byte[] mine, Duration timeout) {
    int world = cluster.dist().worldSize();
    int[] lengths = gather(cluster, new int[] {mine.length}, timeout);
    int longest = 0;
    for (int length : lengths) {
      longest = Math.max(longest, length);
    }
    int words = (longest + 3) / 4;
    int[] padded = new int[Math.max(words, 1)];
    for (int i = 0; i < mine.length; i++) {
      padded[i / 4] |= (mine[i] & 0xff) << (8 * (3 - i % 4));
    }
    int[] all = gather(cluster, padded, timeout);
    List<byte[]> parts = new ArrayList<>(world);
    for (int r = 0; r < world; r++) {
      byte[] part = new byte[lengths[r]];
      int base = r * padded.length;
      for (int i = 0; i < part.length; i++) {
        part[i] = (byte) (all[base + i / 4] >>> (8 * (3 - i % 4)));
      }
      parts.add(part);
    }
    return parts;
  }

  /** Every rank's {@code values} (the same length on each) concatenated in rank order. */
  private static int[] gather(TfCluster cluster, int[] values, Duration timeout) {
    int world = cluster.dist().worldSize();
    String device = cluster.taskDevice() + "/device:CPU:0";
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().job(TfCluster.JOB).replica(0)
          .task(cluster.dist().rank()).deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
      Placeholder<TInt32> input = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(values.length)));
      Operand<TInt32> gathered = new Collectives(world, device, timeout).allGather(tf, input);
      try (Session session = cluster.openSession(graph, ConfigProto.getDefaultInstance());
          TInt32 in = TInt32.tensorOf(Shape.of(values.length), DataBuffers.of(values, false, false));
          var result = session.runner().feed(input, in).fetch(gathered).run()) {
        TInt32 out = (TInt32) result.get(0);
        int[] all = new int[world * values.length];
        out.copyTo(DataBuffers.of(all, false, false));
        return all;
      }
    }
  }
}
