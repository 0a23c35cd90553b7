package io.posekit.tfmodels.models.layers;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The inverted residual of the mobile networks: an optional 1x1 expansion to {@code mid} channels,
 * a {@code kernel x kernel} depthwise (or {@code groups}) convolution with the stride, an optional
 * squeeze-excitation, a 1x1 linear projection without activation, and the input added back when
 * stride 1 keeps the channels. MobileNetV2 names its parts {@code conv.0}, {@code conv.1}, ...
 * ({@link Names#SEQUENTIAL}); MMPose's shared {@code InvertedResidual} (MobileNetV3, ViPNAS)
 * {@code expand_conv}, {@code depthwise_conv}, {@code se}, {@code linear_conv} ({@link Names#NAMED}).
 */
public final class InvertedResidual implements Layer {
  /** How the parts are named in the state dict. */
  public enum Names {
    SEQUENTIAL,
    NAMED
  }

  private record Part(String name, Layer layer) {}

  private final List<Part> parts = new ArrayList<>();
  private final boolean residual;

  public InvertedResidual(int in, int out, int mid, int kernel, int groups, int stride, @Nullable Layer se,
      boolean withExpandConv, NormCfg norm, ActCfg act, Names names) {
    if (stride != 1 && stride != 2) {
      throw new IllegalArgumentException("stride must in [1, 2]. But received " + stride);
    }
    if (!withExpandConv && mid != in) {
      throw new IllegalArgumentException("without expand conv mid_channels " + mid + " must equal in_channels " + in);
    }
    this.residual = stride == 1 && in == out;
    List<Layer> layers = new ArrayList<>();
    List<String> named = new ArrayList<>();
    if (withExpandConv) {
      layers.add(ConvModule.builder(in, mid, 1).norm(norm).act(act).build());
      named.add("expand_conv");
    }
    layers.add(ConvModule.builder(mid, mid, kernel).stride(stride).padding(kernel / 2).groups(groups)
        .norm(norm).act(act).build());
    named.add("depthwise_conv");
    if (se != null) {
      layers.add(se);
      named.add("se");
    }
    layers.add(ConvModule.builder(mid, out, 1).norm(norm).act(null).build());
    named.add("linear_conv");
    for (int i = 0; i < layers.size(); i++) {
      parts.add(new Part(names == Names.SEQUENTIAL ? "conv." + i : named.get(i), layers.get(i)));
    }
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> y = x;
    for (Part p : parts) {
      y = p.layer().apply(ctx.child(p.name()), y);
    }
    return residual ? ctx.tf().math.add(x, y) : y;
  }

  @Override
  public long parameterCount() {
    return parts.stream().mapToLong(p -> p.layer().parameterCount()).sum();
  }
}
