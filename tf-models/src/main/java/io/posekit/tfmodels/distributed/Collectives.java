package io.posekit.tfmodels.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * TensorFlow's collective ops over all ranks of a {@link TfCluster}, as graph nodes: the V2 ops,
 * whose group size and keys are tensors, one group (every rank) and one instance key per op.
 *
 * <p>Corresponding ops on different ranks are matched by their instance key, so every rank must
 * build its collectives in the same order; the keys come from one counter per process, so two
 * graphs of a process (training and validation) never share one.
 *
 * <p>All-reduce has a gradient (registered with TensorFlow once per process): the all-reduce, with
 * the same final op, of the incoming gradients, since every rank's loss reads the reduced value;
 * SyncBN's backward needs it, as PyTorch's SyncBatchNorm all-reduces {@code sum_dy} in backward.
 */
public final class Collectives {
  private static final int GROUP_KEY = 1;
  private static final String REDUCE = "CollectiveReduceV2";
  private static final AtomicInteger NEXT_INSTANCE = new AtomicInteger(1);

  static {
    TensorFlow.registerCustomGradient(REDUCE, Collectives::reduceGradient);
  }

  private final int worldSize;
  private final String device;
  private final float timeoutSeconds;

  /**
   * @param device where this rank's collective ops run ({@code /job:worker/replica:0/task:R/device:CPU:0})
   * @param timeout how long a collective may wait for the other ranks before it fails the step
   */
  public Collectives(int worldSize, String device, Duration timeout) {
    this.worldSize = worldSize;
    this.device = device;
    this.timeoutSeconds = timeout.toMillis() / 1000f;
  }

  public int worldSize() {
    return worldSize;
  }

  /** The element-wise sum of {@code x} over every rank. */
  public <T extends TNumber> Operand<T> allReduceSum(Ops tf, Operand<T> x) {
    return reduce(tf, x, "Id");
  }

  /** The element-wise mean of {@code x} over every rank (sum, then divided by the world size). */
  public <T extends TNumber> Operand<T> allReduceMean(Ops tf, Operand<T> x) {
    return reduce(tf, x, "Div");
  }

  /** Every rank's {@code x} concatenated along the first dimension, in rank order. */
  public <T extends TNumber> Operand<T> allGather(Ops tf, Operand<T> x) {
    return collective(tf, "CollectiveGatherV2", x, null);
  }

  private <T extends TNumber> Operand<T> reduce(Ops tf, Operand<T> x, String finalOp) {
    return collective(tf, REDUCE, x, tf.constant(worldSize), finalOp, timeoutSeconds, device);
  }

  private <T extends TNumber> Operand<T> collective(Ops tf, String type, Operand<T> x, String finalOp) {
    return collective(tf, type, x, tf.constant(worldSize), finalOp, timeoutSeconds, device);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> collective(Ops tf, String type, Operand<T> x, Operand<?> groupSize,
      String finalOp, float timeoutSeconds, String device) {
    int instance = NEXT_INSTANCE.getAndIncrement();
    var builder = tf.scope().env().opBuilder(type, tf.scope().makeOpName(type), tf.scope())
        .addInput(x.asOutput())
        .addInput(groupSize.asOutput())
        .addInput(tf.constant(GROUP_KEY).asOutput())
        .addInput(tf.constant(instance).asOutput())
        .addInputList(new Output<?>[0])
        .setAttr("communication_hint", "auto")
        .setAttr("timeout_seconds", timeoutSeconds)
        .setDevice(device);
    if (finalOp != null) {
      builder.setAttr("merge_op", "Add").setAttr("final_op", finalOp);
    }
    return (Operand<T>) (Operand<?>) builder.build().output(0);
  }

  /** The gradient of an all-reduce: the same all-reduce of the incoming gradients (zeros for its key inputs). */
  private static List<Operand<?>> reduceGradient(Ops tf, GraphOperation op, List<Output<?>> grads) {
    var attrs = op.attributes();
    Operand<?> dx = collective(tf, REDUCE, grads.get(0), op.input(1), attrs.getAttrString("final_op"),
        attrs.getAttrFloat("timeout_seconds"), op.device());
    List<Operand<?>> out = new ArrayList<>();
    out.add(dx);
    for (int i = 1; i < op.numInputs(); i++) {
      out.add(tf.zerosLike(op.input(i))); // the keys are constants; TensorFlow Java wants an operand per input
    }
    return out;
  }
}
