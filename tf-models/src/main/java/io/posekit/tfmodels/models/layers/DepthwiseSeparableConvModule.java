package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code DepthwiseSeparableConvModule}: a depthwise {@code ConvModule}
 * ({@code depthwise_conv}, groups = in channels, the kernel, stride and padding) then a 1x1
 * pointwise one ({@code pointwise_conv}), both with the norm and activation given (MMCV's
 * {@code dw_*}/{@code pw_*} overrides default to them).
 */
public final class DepthwiseSeparableConvModule implements Layer {
  private final ConvModule depthwise;
  private final ConvModule pointwise;

  public DepthwiseSeparableConvModule(int in, int out, int kernel, int stride, int padding, @Nullable NormCfg norm,
      @Nullable ActCfg act) {
    this.depthwise = ConvModule.builder(in, in, kernel).stride(stride).padding(padding).groups(in).norm(norm).act(act).build();
    this.pointwise = ConvModule.builder(in, out, 1).norm(norm).act(act).build();
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    return pointwise.apply(ctx.child("pointwise_conv"), depthwise.apply(ctx.child("depthwise_conv"), x));
  }

  @Override
  public long parameterCount() {
    return depthwise.parameterCount() + pointwise.parameterCount();
  }
}
