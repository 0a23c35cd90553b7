package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** LayerScale (MMPretrain's and MMCV's): a learnt per-channel {@code weight}, channels last, initialised to {@code init}. */
public final class LayerScale implements Layer {
  private final int dims;
  private final float init;

  public LayerScale(int dims, double init) {
    this.dims = dims;
    this.init = (float) init;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var w = ctx.params().variable(ctx.tf(), ctx.name("weight"), Shape.of(dims), Initializer.constant(init),
        !ctx.frozen(), false, "LayerScale");
    return ctx.tf().math.mul(x, w);
  }

  @Override
  public long parameterCount() {
    return dims;
  }
}
