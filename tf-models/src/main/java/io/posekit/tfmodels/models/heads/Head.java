package io.posekit.tfmodels.models.heads;

import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A pose head (MMPose's BaseHead): features to heatmaps [B, H, W, K], with its loss and decoder. */
public interface Head {
  Operand<TFloat32> forward(GraphContext ctx, List<Operand<TFloat32>> feats);

  Loss loss();

  Optional<KeypointCodec> decoder();

  long parameterCount();

  /** This module's {@code init_cfg} entries, applied when a graph is built (none by default). */
  default List<InitCfg> initCfg() {
    return List.of();
  }
}
