package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** PyTorch's {@code nn.Upsample(scale_factor=s, mode='nearest')}: source pixel floor(o / s). */
public final class Upsample implements Layer {
  private final int scaleFactor;

  public Upsample(int scaleFactor) {
    this.scaleFactor = scaleFactor;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    int h = (int) x.shape().size(1);
    int w = (int) x.shape().size(2);
    return tf.image.resizeNearestNeighbor(x, tf.constant(new int[] {h * scaleFactor, w * scaleFactor}));
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
