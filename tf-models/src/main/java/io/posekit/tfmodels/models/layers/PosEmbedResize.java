package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * MMPretrain's {@code resize_pos_embed}: the patch part of a position embedding {@code [1, L, C]}
 * resized from one patch grid to another with PyTorch's {@code F.interpolate(align_corners=False)}
 * ({@code bicubic} with A = -0.75 and clamped borders, {@code bilinear} or {@code nearest}), the
 * {@code num_extra_tokens} leading tokens kept. TensorFlow's resize kernels differ (Keys' cubic
 * with A = -0.5 under half-pixel centres), so the interpolation is PyTorch's, written as the one
 * matrix {@code kron(M_h, M_w)} over the token axis.
 */
public final class PosEmbedResize {
  private PosEmbedResize() {}

  /** The resized embedding, or {@code posEmbed} itself when the grids are equal (as MMPretrain returns it). */
  public static Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> posEmbed, int[] src, int[] dst, String mode,
      int numExtraTokens) {
    if (src[0] == dst[0] && src[1] == dst[1]) {
      return posEmbed;
    }
    var tf = ctx.tf();
    long c = posEmbed.shape().size(2);
    int srcTokens = src[0] * src[1];
    int dstTokens = dst[0] * dst[1];
    var patches = tf.reshape(
        tf.slice(posEmbed, tf.constant(new int[] {0, numExtraTokens, 0}), tf.constant(new int[] {1, srcTokens, (int) c})),
        tf.constant(new long[] {srcTokens, c}));
    var matrix = tf.constant(Shape.of(dstTokens, srcTokens), DataBuffers.of(tokenMatrix(src, dst, mode)));
    var resized = tf.reshape(tf.linalg.matMul(matrix, patches), tf.constant(new long[] {1, dstTokens, c}));
    if (numExtraTokens == 0) {
      return resized;
    }
    var extra = tf.slice(posEmbed, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {1, numExtraTokens, (int) c}));
    return tf.concat(java.util.List.of(extra, resized), tf.constant(1));
  }

  /** Fails with {@code where} in the message unless {@code mode} is one this class interpolates with. */
  public static void checkMode(String mode, String where) {
    if (!java.util.Set.of("bicubic", "bilinear", "nearest").contains(mode)) {
      throw new IllegalArgumentException(where + ": '" + mode + "' is not supported: bicubic, bilinear or nearest");
    }
  }

  /** Row-major {@code [dst_h * dst_w, src_h * src_w]}: the Kronecker product of the two axes' matrices. */
  static float[] tokenMatrix(int[] src, int[] dst, String mode) {
    double[][] mh = axisMatrix(src[0], dst[0], mode);
    double[][] mw = axisMatrix(src[1], dst[1], mode);
    int srcTokens = src[0] * src[1];
    float[] out = new float[dst[0] * dst[1] * srcTokens];
    for (int i = 0; i < dst[0]; i++) {
      for (int j = 0; j < dst[1]; j++) {
        int row = (i * dst[1] + j) * srcTokens;
        for (int a = 0; a < src[0]; a++) {
          if (mh[i][a] == 0) {
            continue;
          }
          for (int b = 0; b < src[1]; b++) {
            out[row + a * src[1] + b] = (float) (mh[i][a] * mw[j][b]);
          }
        }
      }
    }
    return out;
  }

  /** {@code [out, in]}: output sample {@code o} as a weighted sum of the inputs, as PyTorch's kernel computes it. */
  static double[][] axisMatrix(int in, int out, String mode) {
    double scale = (double) in / out;
    double[][] m = new double[out][in];
    for (int o = 0; o < out; o++) {
      switch (mode) {
        case "bicubic" -> {
          double srcIndex = (o + 0.5) * scale - 0.5;
          int x0 = (int) Math.floor(srcIndex);
          double t = srcIndex - x0;
          double[] w = {cubic2(t + 1), cubic1(t), cubic1(1 - t), cubic2(2 - t)};
          for (int k = 0; k < 4; k++) {
            m[o][Math.min(Math.max(x0 - 1 + k, 0), in - 1)] += w[k];
          }
        }
        case "bilinear" -> {
          double srcIndex = Math.max((o + 0.5) * scale - 0.5, 0);
          int x0 = (int) srcIndex;
          int x1 = Math.min(x0 + 1, in - 1);
          double t = srcIndex - x0;
          m[o][x0] += 1 - t;
          m[o][x1] += t;
        }
        case "nearest" -> m[o][Math.min((int) Math.floor(o * scale), in - 1)] = 1;
        default -> throw new IllegalArgumentException(
            "interpolate_mode '" + mode + "' is not supported: bicubic, bilinear or nearest");
      }
    }
    return m;
  }

  private static final double A = -0.75;

  private static double cubic1(double x) {
    return ((A + 2) * x - (A + 3)) * x * x + 1;
  }

  private static double cubic2(double x) {
    return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  }
}
