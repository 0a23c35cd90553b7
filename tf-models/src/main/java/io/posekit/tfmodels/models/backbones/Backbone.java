package io.posekit.tfmodels.models.backbones;

import java.util.List;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A feature extractor (MMPose's BaseBackbone): NHWC images to one or more feature maps. */
public interface Backbone {
  /** The feature maps MMPose's {@code forward} returns, in order. */
  List<Operand<TFloat32>> apply(GraphContext ctx, Operand<TFloat32> x);

  /** Trainable parameters, as {@code sum(p.numel() for p in backbone.parameters())}. */
  long parameterCount();

  /** This module's {@code init_cfg} entries, applied when a graph is built (none by default). */
  default List<InitCfg> initCfg() {
    return List.of();
  }
}
