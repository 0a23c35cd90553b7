package io.posekit.tfmodels.models.datapreprocessors;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.annotations.Nullable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code PoseDataPreprocessor} on NHWC float images: optional BGR→RGB channel swap,
 * then {@code (x - mean) / std} per channel, as graph ops.
 */
@RegisterModule(registry = Registries.MODELS)
public final class PoseDataPreprocessor {
  private final float[] mean;
  private final float[] std;
  private final boolean bgrToRgb;

  public PoseDataPreprocessor(
      @Param(defaultValue = "None") @Nullable List<Double> mean,
      @Param(defaultValue = "None") @Nullable List<Double> std,
      @Param(defaultValue = "False") boolean bgrToRgb) {
    this.mean = mean == null ? null : toFloats(mean);
    this.std = std == null ? null : toFloats(std);
    if ((this.mean == null) != (this.std == null)) {
      throw new IllegalArgumentException("mean and std must be both set or both None");
    }
    this.bgrToRgb = bgrToRgb;
  }

  private static float[] toFloats(List<Double> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).floatValue();
    }
    return out;
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    if (bgrToRgb) {
      x = tf.reverse(x, tf.constant(new int[] {3}));
    }
    if (mean != null) {
      x = tf.math.div(tf.math.sub(x, tf.constant(mean)), tf.constant(std));
    }
    return x;
  }

  public boolean bgrToRgb() {
    return bgrToRgb;
  }
}
