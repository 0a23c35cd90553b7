package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code CSPNeXtBlock} (and, with {@code cspnext} false, {@code DarknetBottleneck}):
 * {@code conv1} (CSPNeXt: 3x3, Darknet: 1x1; depthwise-separable when asked) to
 * {@code out * expansion} channels, {@code conv2} (CSPNeXt: a depthwise-separable 5x5; Darknet: a
 * 3x3, depthwise-separable when asked), plus the input when {@code add_identity} and the channels match.
 */
public final class CSPNeXtBlock implements Layer {
  private final Layer conv1;
  private final Layer conv2;
  private final boolean addIdentity;

  public CSPNeXtBlock(boolean cspnext, int in, int out, double expansion, boolean addIdentity, boolean useDepthwise,
      @Nullable NormCfg norm, @Nullable ActCfg act) {
    int hidden = (int) (out * expansion);
    if (cspnext) {
      this.conv1 = conv(useDepthwise, in, hidden, 3, norm, act);
      this.conv2 = new DepthwiseSeparableConvModule(hidden, out, 5, 1, 2, norm, act);
    } else {
      this.conv1 = ConvModule.builder(in, hidden, 1).norm(norm).act(act).build();
      this.conv2 = conv(useDepthwise, hidden, out, 3, norm, act);
    }
    this.addIdentity = addIdentity && in == out;
  }

  /** A stride-1, same-padded {@code ConvModule} or, with {@code depthwise}, {@code DepthwiseSeparableConvModule}. */
  static Layer conv(boolean depthwise, int in, int out, int kernel, @Nullable NormCfg norm, @Nullable ActCfg act) {
    return depthwise
        ? new DepthwiseSeparableConvModule(in, out, kernel, 1, kernel / 2, norm, act)
        : ConvModule.builder(in, out, kernel).padding(kernel / 2).norm(norm).act(act).build();
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> y = conv2.apply(ctx.child("conv2"), conv1.apply(ctx.child("conv1"), x));
    return addIdentity ? ctx.tf().math.add(y, x) : y;
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + conv2.parameterCount();
  }
}
