package io.posekit.tfmodels.models.backbones;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What MMPose's staged backbones share: their {@code out_indices}/{@code frozen_stages} checks
 * (MMPose's messages) and the forward through the stages collecting the outputs
 * {@code out_indices} names (a negative index counts from the last stage).
 */
final class Stages {
  private Stages() {}

  /** Every index in {@code [min, n)}, as MMPose asserts. */
  static void checkOutIndices(int[] outIndices, int min, int n) {
    for (int i : outIndices) {
      if (i < min || i >= n) {
        throw new IllegalArgumentException("the item in out_indices must in range(0, " + n + "). But received " + i);
      }
    }
  }

  static void checkFrozenStages(int frozenStages, int n) {
    if (frozenStages < -1 || frozenStages >= n) {
      throw new IllegalArgumentException("frozen_stages must be in range(-1, " + n + "). But received " + frozenStages);
    }
  }

  /** {@code y} through {@code stages}, stage i in {@code contextOf.apply(i)}; the outputs of the stages {@code outIndices} names, in stage order. */
  static List<Operand<TFloat32>> run(Operand<TFloat32> y, List<? extends Layer> stages,
      IntFunction<GraphContext> contextOf, int[] outIndices) {
    List<Operand<TFloat32>> outs = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      y = stages.get(i).apply(contextOf.apply(i), y);
      for (int o : outIndices) {
        if (o == i || o == i - stages.size()) {
          outs.add(y);
          break;
        }
      }
    }
    return outs;
  }
}
