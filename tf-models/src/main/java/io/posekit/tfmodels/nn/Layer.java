package io.posekit.tfmodels.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A network piece that adds its ops to a graph: PyTorch's {@code nn.Module} forward, NHWC. */
public interface Layer {
  /** Adds the ops of this layer on {@code x}; variables are named under {@code ctx}'s scope. */
  Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x);

  /** Trainable parameters, as {@code sum(p.numel() for p in module.parameters())}. */
  long parameterCount();
}
