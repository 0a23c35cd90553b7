package io.posekit.runtime.engine.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * One trainable tensor of a model, flattened: its dotted name ({@code backbone.conv1.weight}) and
 * its values in PyTorch layout (a copy of the model's graph variable, for checkpoints and hooks).
 * The flags say what kind of layer owns it, which is what {@code paramwise_cfg} needs (MMEngine
 * reads them from the module type).
 */
public final class Parameter {
  private final String name;
  private final int[] shape;
  private final float[] data;
  private final boolean inNormLayer;
  private final boolean inDepthwiseConv;

  public Parameter(String name, int[] shape, float[] data, boolean inNormLayer, boolean inDepthwiseConv) {
    this.name = Objects.requireNonNull(name, "name");
    this.shape = shape.clone();
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "parameter '" + name + "': shape " + Arrays.toString(shape) + " holds " + size
              + " values but " + data.length + " were given");
    }
    this.data = data;
    this.inNormLayer = inNormLayer;
    this.inDepthwiseConv = inDepthwiseConv;
  }

  /** PyTorch's norm layer types, the ones MMEngine's paramwise rules treat as norm ({@code _BatchNorm},
   * {@code _InstanceNorm}, {@code GroupNorm}, {@code LayerNorm}); RTMPose's {@code ScaleNorm} is not one. */
  private static final java.util.Set<String> NORM_MODULES = java.util.Set.of(
      "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "SyncBatchNorm", "InstanceNorm1d", "InstanceNorm2d",
      "InstanceNorm3d", "GroupNorm", "LayerNorm");

  /** Whether a parameter of a layer of this PyTorch type counts as a norm layer's for {@code norm_decay_mult}. */
  public static boolean isNormModule(String moduleType) {
    return NORM_MODULES.contains(moduleType);
  }

  /** A parameter of an ordinary (not norm, not depth-wise) layer. */
  public static Parameter of(String name, int[] shape, float[] data) {
    return new Parameter(name, shape, data, false, false);
  }

  public String name() {
    return name;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** Number of dimensions; 1 for biases and norm weights ({@code flat_decay_mult}). */
  public int ndim() {
    return shape.length;
  }

  /** The live values: checkpoints and hooks read and write them. */
  public float[] data() {
    return data;
  }

  /** The last segment of the name is {@code bias}, as MMEngine tests {@code name == 'bias'}. */
  public boolean isBias() {
    return name.equals("bias") || name.endsWith(".bias");
  }

  public boolean inNormLayer() {
    return inNormLayer;
  }

  public boolean inDepthwiseConv() {
    return inDepthwiseConv;
  }

  public int size() {
    return data.length;
  }

  @Override
  public String toString() {
    return "Parameter[" + name + " " + Arrays.toString(shape) + "]";
  }
}
