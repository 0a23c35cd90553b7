package io.posekit.tfmodels.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.AvgPool2d(k, stride=k, ceil_mode=True, count_include_pad=False)}, the
 * shortcut pooling of ResNetV1d's {@code avg_down}: a partial window at the end averages only
 * the pixels it covers.
 */
public final class AvgPool2d implements Layer {
  private final int kernelSize;

  public AvgPool2d(int kernelSize) {
    this.kernelSize = kernelSize;
  }

  @Override
  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> x) {
    var tf = ctx.tf();
    int k = kernelSize;
    int h = (int) x.shape().size(1);
    int w = (int) x.shape().size(2);
    int oh = (h + k - 1) / k;
    int ow = (w + k - 1) / k;
    List<Long> window = List.of(1L, (long) k, (long) k, 1L);
    if (oh * k == h && ow * k == w) {
      return tf.nn.avgPool(x, window, window, "VALID");
    }
    // zero-pad to whole windows, average over k*k, then rescale each cell by k*k / covered pixels
    var padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {0, oh * k - h}, {0, ow * k - w}, {0, 0}}), tf.constant(0f));
    var mean = tf.nn.avgPool(padded, window, window, "VALID");
    float[][][][] scale = new float[1][oh][ow][1];
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        int covered = (Math.min(h, (i + 1) * k) - i * k) * (Math.min(w, (j + 1) * k) - j * k);
        scale[0][i][j][0] = (float) (k * k) / covered;
      }
    }
    return tf.math.mul(mean, tf.constant(scale));
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
