package io.posekit.tfmodels.distributed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch DDP's gradient buckets: the gradients, from the last parameter to the first (the order
 * backward produces them), packed into flat buckets of at most {@code bucket_cap_mb}, each averaged
 * over the ranks by one all-reduce. A bucket's all-reduce depends only on its own gradients, so
 * TensorFlow's executor starts it while backward still computes the earlier layers' gradients.
 */
public final class GradientBuckets {
  /** DDP's default {@code bucket_cap_mb}. */
  public static final long DEFAULT_BUCKET_BYTES = 25L << 20;

  private GradientBuckets() {}

  /** {@code grads} averaged over every rank, in the same order and shapes. */
  public static List<Operand<TFloat32>> allReduceMean(Ops tf, List<Operand<TFloat32>> grads, Collectives collectives,
      long bucketBytes) {
    Operand<TFloat32>[] out = newArray(grads.size());
    List<Integer> bucket = new ArrayList<>();
    long bytes = 0;
    for (int i = grads.size() - 1; i >= 0; i--) {
      long size = grads.get(i).shape().size() * Float.BYTES;
      if (!bucket.isEmpty() && bytes + size > bucketBytes) {
        reduce(tf, grads, bucket, collectives, out);
        bucket.clear();
        bytes = 0;
      }
      bucket.add(i);
      bytes += size;
    }
    if (!bucket.isEmpty()) {
      reduce(tf, grads, bucket, collectives, out);
    }
    return Arrays.asList(out);
  }

  private static void reduce(Ops tf, List<Operand<TFloat32>> grads, List<Integer> bucket, Collectives collectives,
      Operand<TFloat32>[] out) {
    if (bucket.size() == 1) {
      int i = bucket.get(0);
      out[i] = collectives.allReduceMean(tf, grads.get(i));
      return;
    }
    List<Operand<TFloat32>> flat = new ArrayList<>();
    long[] sizes = new long[bucket.size()];
    for (int j = 0; j < bucket.size(); j++) {
      Operand<TFloat32> g = grads.get(bucket.get(j));
      sizes[j] = g.shape().size();
      flat.add(tf.reshape(g, tf.constant(new long[] {-1})));
    }
    Operand<TFloat32> reduced = collectives.allReduceMean(tf, tf.concat(flat, tf.constant(0)));
    var parts = tf.splitV(reduced, tf.constant(sizes), tf.constant(0), (long) sizes.length);
    for (int j = 0; j < bucket.size(); j++) {
      int i = bucket.get(j);
      Shape shape = grads.get(i).shape();
      out[i] = tf.reshape(parts.output().get(j), tf.constant(shape.asArray()));
    }
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }
}
