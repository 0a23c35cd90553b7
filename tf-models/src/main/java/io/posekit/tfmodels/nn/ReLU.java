package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** PyTorch's {@code nn.ReLU}. */
public final class ReLU implements Layer {
  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    return ctx.tf().nn.relu(x);
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
