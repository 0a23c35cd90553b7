package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A feature transform between backbone and head (MMPose's necks, e.g. FeatureMapProcessor). */
public interface Neck {
  List<Operand<TFloat32>> apply(GraphContext ctx, List<Operand<TFloat32>> feats);

  long parameterCount();

  /** This module's {@code init_cfg} entries, applied when a graph is built (none by default). */
  default List<InitCfg> initCfg() {
    return List.of();
  }
}
