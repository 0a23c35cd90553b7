package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code DropPath} (stochastic depth): in training, drops a whole sample's residual branch
 * with probability {@code dropProb} and scales kept ones by {@code 1 / (1 - dropProb)}.
 */
public final class DropPath implements Layer {
  private final double dropProb;

  public DropPath(double dropProb) {
    this.dropProb = dropProb;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    if (dropProb == 0 || !ctx.training() || ctx.frozen()) {
      return x;
    }
    long[] maskShape = new long[x.shape().numDimensions()];
    java.util.Arrays.fill(maskShape, 1L);
    maskShape[0] = x.shape().size(0);
    return Dropout.keepMask(ctx, x, maskShape, dropProb);
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
