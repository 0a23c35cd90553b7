package io.posekit.tfmodels.models.heads;

import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A pose head (MMPose's BaseHead: {@code forward}, {@code loss}, {@code predict}). Its forward
 * gives one or more outputs (heatmaps; SimCC's x and y vectors; coordinates), its loss reads the
 * codec's fields it needs from {@link TargetInputs}, and prediction maps a flipped pass back and
 * lays the outputs out for its codec's {@code decode}.
 */
public interface Head {
  /**
   * MMPose's {@code forward}: the outputs in graph layout, batch first (a heatmap head's one
   * {@code [B, H, W, K]}, NHWC as every feature map here; SimCC's {@code [B, K, Wx]} and
   * {@code [B, K, Hy]}).
   */
  List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats);

  /** MMPose's {@code head.loss} after the forward pass: the scalar training loss ({@code loss_kpt}). */
  Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets);

  /**
   * The flip test of MMPose's {@code head.predict}: the outputs of the horizontally flipped input
   * mapped back onto the plain pass's ({@code flip_heatmaps}, {@code flip_vectors}, ...); the
   * predictor averages the two.
   */
  List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg);

  /**
   * What {@code head.predict} makes of one pass's outputs before a flip test averages the plain and
   * flipped passes (RLE's sigmoid on its sigmas); the outputs as they are by default.
   */
  default List<Operand<TFloat32>> predictOutputs(Ops tf, List<Operand<TFloat32>> outputs) {
    return outputs;
  }

  /** The outputs in the layout {@link KeypointCodec#decode} takes, batch first (graph layout by default). */
  default List<Operand<TFloat32>> toCodecLayout(Ops tf, List<Operand<TFloat32>> outputs) {
    return outputs;
  }

  /** The {@code loss} module of the config. */
  Loss loss();

  Optional<KeypointCodec> decoder();

  long parameterCount();

  /** This module's {@code init_cfg} entries, applied when a graph is built (none by default). */
  default List<InitCfg> initCfg() {
    return List.of();
  }
}
