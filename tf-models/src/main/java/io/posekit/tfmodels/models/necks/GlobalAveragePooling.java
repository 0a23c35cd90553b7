package io.posekit.tfmodels.models.necks;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.models.poseestimators.Neck;
import io.posekit.tfmodels.nn.GraphContext;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** MMPose's {@code GlobalAveragePooling}: each feature map [B, H, W, C] to its spatial mean [B, C]. */
@RegisterModule(registry = Registries.MODELS)
public final class GlobalAveragePooling implements Neck {
  public GlobalAveragePooling() {}

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, List<Operand<TFloat32>> feats) {
    var tf = ctx.tf();
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> x : feats) {
      if (x.shape().numDimensions() != 4) {
        throw new IllegalArgumentException("GlobalAveragePooling takes feature maps [B, H, W, C], got " + x.shape());
      }
      out.add(tf.math.mean(x, tf.constant(new int[] {1, 2})));
    }
    return out;
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
