package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** MMPose's {@code Scale}: the input times a learnt per-channel (last axis) vector {@code scale}, starting at 1. */
public final class Scale implements Layer {
  private final int dim;

  public Scale(int dim) {
    this.dim = dim;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var s = ctx.params().variable(ctx.tf(), ctx.name("scale"), Shape.of(dim), Initializer.constant(1f), !ctx.frozen(), false,
        "Scale");
    return ctx.tf().math.mul(x, s);
  }

  @Override
  public long parameterCount() {
    return dim;
  }
}
