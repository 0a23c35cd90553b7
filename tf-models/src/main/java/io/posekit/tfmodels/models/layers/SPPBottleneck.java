package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.MaxPool2d;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * YOLOv3-SPP's {@code SPPBottleneck} (MMPose's/MMDetection's): a 1x1 {@code conv1} to half the
 * channels, its output concatenated with stride-1 max pools of each kernel size, a 1x1 {@code conv2}.
 */
public final class SPPBottleneck implements Layer {
  private final ConvModule conv1;
  private final List<MaxPool2d> poolings = new ArrayList<>();
  private final ConvModule conv2;

  public SPPBottleneck(int in, int out, int[] kernelSizes, @Nullable NormCfg norm, @Nullable ActCfg act) {
    int mid = in / 2;
    this.conv1 = ConvModule.builder(in, mid, 1).norm(norm).act(act).build();
    for (int k : kernelSizes) {
      poolings.add(new MaxPool2d(k, 1, k / 2));
    }
    this.conv2 = ConvModule.builder(mid * (kernelSizes.length + 1), out, 1).norm(norm).act(act).build();
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> y = conv1.apply(ctx.child("conv1"), x);
    List<Operand<TFloat32>> parts = new ArrayList<>();
    parts.add(y);
    for (MaxPool2d p : poolings) {
      parts.add(p.apply(ctx, y));
    }
    return conv2.apply(ctx.child("conv2"), ctx.tf().concat(parts, ctx.tf().constant(3)));
  }

  @Override
  public long parameterCount() {
    return conv1.parameterCount() + conv2.parameterCount();
  }
}
