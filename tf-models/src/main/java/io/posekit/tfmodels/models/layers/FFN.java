package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.Dropout;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.Linear;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMCV's {@code FFN}: {@code num_fcs} linear layers ({@code layers.0.0}, ..., {@code layers.<n-1>})
 * with the activation and {@code ffn_drop} after each hidden one, the optional layer scale
 * {@code gamma2}, the {@code DropPath} of its {@code dropout_layer}, and the identity added back
 * ({@code add_identity}). Linear weights start as MMPretrain's encoder layers set them (Xavier
 * uniform, bias N(0, 1e-6)).
 */
public final class FFN implements Layer {
  private final List<Linear> fcs = new ArrayList<>();
  private final Layer activation;
  private final Dropout ffnDrop;
  private final DropPath dropPath;
  private final LayerScale gamma2;
  private final boolean addIdentity;

  public FFN(int embedDims, int feedforwardChannels, int numFcs, Layer activation, double ffnDrop, double dropPathRate,
      boolean addIdentity, double layerScaleInitValue) {
    if (numFcs < 2) {
      throw new IllegalArgumentException("num_fcs should be no less than 2, got " + numFcs);
    }
    int in = embedDims;
    for (int i = 0; i < numFcs - 1; i++) {
      fcs.add(xavier(in, feedforwardChannels));
      in = feedforwardChannels;
    }
    fcs.add(xavier(feedforwardChannels, embedDims));
    this.activation = activation;
    this.ffnDrop = new Dropout(ffnDrop);
    this.dropPath = new DropPath(dropPathRate);
    this.gamma2 = layerScaleInitValue > 0 ? new LayerScale(embedDims, layerScaleInitValue) : null;
    this.addIdentity = addIdentity;
  }

  private static Linear xavier(int in, int out) {
    return new Linear(in, out, true, Initializer.xavierUniform(in, out), Initializer.normal(1e-6));
  }

  /** {@code identity + drop_path(gamma2(layers(x)))}, the identity being {@code x} itself. */
  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    return apply(ctx, x, x);
  }

  /** MMCV's {@code forward(x, identity)}: the residual added is {@code identity}, not {@code x}. */
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x, Operand<TFloat32> identity) {
    GraphContext layers = ctx.child("layers");
    Operand<TFloat32> y = x;
    int last = fcs.size() - 1;
    for (int i = 0; i < last; i++) {
      y = ffnDrop.apply(ctx, activation.apply(ctx, fcs.get(i).apply(layers.child(i).child(0), y)));
    }
    y = ffnDrop.apply(ctx, fcs.get(last).apply(layers.child(last), y));
    if (gamma2 != null) {
      y = gamma2.apply(ctx.child("gamma2"), y);
    }
    y = dropPath.apply(ctx, y);
    return addIdentity ? ctx.tf().math.add(identity, y) : y;
  }

  @Override
  public long parameterCount() {
    return fcs.stream().mapToLong(Linear::parameterCount).sum() + (gamma2 == null ? 0 : gamma2.parameterCount());
  }
}
