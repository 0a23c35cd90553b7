package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code MultipleLossWrapper}: one loss per output of a head with several outputs
 * (DSNT's and IPR's coordinates and heatmaps); the i-th loss takes the i-th output and target,
 * every one the same keypoint weights, and the losses are returned one each.
 */
@RegisterModule(registry = Registries.MODELS)
public final class MultipleLossWrapper {
  private final List<Loss> losses;

  public MultipleLossWrapper(List<Loss> losses) {
    if (losses.isEmpty()) {
      throw new IllegalArgumentException("MultipleLossWrapper.losses is empty");
    }
    this.losses = List.copyOf(losses);
  }

  public List<Operand<TFloat32>> compute(Ops tf, List<Operand<TFloat32>> outputs, List<Operand<TFloat32>> targets,
      Operand<TFloat32> targetWeights) {
    if (outputs.size() != losses.size() || targets.size() != losses.size()) {
      throw new IllegalArgumentException("MultipleLossWrapper has " + losses.size() + " losses for "
          + outputs.size() + " outputs and " + targets.size() + " targets");
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < losses.size(); i++) {
      out.add(losses.get(i).compute(tf, outputs.get(i), targets.get(i), targetWeights));
    }
    return out;
  }

  public List<Loss> losses() {
    return losses;
  }
}
