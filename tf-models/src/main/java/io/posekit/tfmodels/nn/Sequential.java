package io.posekit.tfmodels.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.Sequential}: children applied in order and named by their index; a
 * convolution directly followed by a BatchNorm2d goes through {@link ConvBn}.
 */
public final class Sequential implements Layer {
  private final List<Layer> layers;

  public Sequential(List<Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  public static Sequential of(Layer... layers) {
    return new Sequential(List.of(layers));
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    Operand<TFloat32> y = x;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Convolution conv && i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNorm2d bn) {
        y = ConvBn.apply(conv, ctx.child(i), bn, ctx.child(i + 1), y);
        i++;
      } else {
        y = layers.get(i).apply(ctx.child(i), y);
      }
    }
    return y;
  }

  @Override
  public long parameterCount() {
    return layers.stream().mapToLong(Layer::parameterCount).sum();
  }

  public List<Layer> layers() {
    return layers;
  }
}
