package io.posekit.tfmodels.models.layers;

import io.posekit.tfmodels.nn.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Swin's (shifted) window attention, MMPose's {@code ShiftWindowMSA}: tokens {@code [B, H * W, C]}
 * padded bottom/right to whole windows, rolled up-left by {@code shift_size} with the mask that
 * keeps rolled-in regions apart (-100 between different regions), split into windows for
 * {@link WindowMSA} ({@code w_msa}), merged, rolled back, cropped, then the {@code DropPath} of
 * its {@code dropout_layer}.
 */
public final class ShiftWindowMSA {
  private final int window;
  private final int shift;
  private final WindowMSA wMsa;
  private final DropPath drop;

  public ShiftWindowMSA(int embedDims, int numHeads, int window, int shift, boolean qkvBias, Double qkScale,
      double attnDrop, double projDrop, double dropPathRate) {
    if (shift < 0 || shift >= window) {
      throw new IllegalArgumentException("shift_size " + shift + " must be in [0, window_size " + window + ")");
    }
    this.window = window;
    this.shift = shift;
    this.wMsa = new WindowMSA(embedDims, numHeads, window, qkvBias, qkScale, attnDrop, projDrop);
    this.drop = new DropPath(dropPathRate);
  }

  public Operand<TFloat32> apply(GraphContext ctx, Operand<TFloat32> query, int h, int w) {
    var tf = ctx.tf();
    long b = query.shape().size(0);
    long c = query.shape().size(2);
    Operand<TFloat32> x = tf.reshape(query, tf.constant(new long[] {b, h, w, c}));
    int padR = (window - w % window) % window;
    int padB = (window - h % window) % window;
    if (padR > 0 || padB > 0) {
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {0, padB}, {0, padR}, {0, 0}}), tf.constant(0f));
    }
    int hp = h + padB;
    int wp = w + padR;
    Operand<TFloat32> mask = null;
    if (shift > 0) {
      x = tf.roll(x, tf.constant(new int[] {-shift, -shift}), tf.constant(new int[] {1, 2}));
      int windows = (hp / window) * (wp / window);
      int n = window * window;
      mask = tf.constant(Shape.of(windows, n, n), DataBuffers.of(shiftMask(hp, wp)));
    }
    // window_partition: [B, hp/w, w, wp/w, w, C] -> [B * nW, w * w, C]
    var windowsOut = wMsa.apply(ctx.child("w_msa"), tf.reshape(tf.linalg.transpose(
        tf.reshape(x, tf.constant(new long[] {b, hp / window, window, wp / window, window, c})),
        tf.constant(new int[] {0, 1, 3, 2, 4, 5})), tf.constant(new long[] {-1, (long) window * window, c})), mask);
    // window_reverse
    Operand<TFloat32> y = tf.reshape(tf.linalg.transpose(
        tf.reshape(windowsOut, tf.constant(new long[] {b, hp / window, wp / window, window, window, c})),
        tf.constant(new int[] {0, 1, 3, 2, 4, 5})), tf.constant(new long[] {b, hp, wp, c}));
    if (shift > 0) {
      y = tf.roll(y, tf.constant(new int[] {shift, shift}), tf.constant(new int[] {1, 2}));
    }
    if (padR > 0 || padB > 0) {
      y = tf.slice(y, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {(int) b, h, w, (int) c}));
    }
    return drop.apply(ctx, tf.reshape(y, tf.constant(new long[] {b, (long) h * w, c})));
  }

  /** MMPose's attention mask of the rolled map: 0 within a region, -100 across, {@code [nW, N, N]}. */
  float[] shiftMask(int hp, int wp) {
    int[][] region = new int[hp][wp];
    int[] hBounds = {0, hp - window, hp - shift, hp};
    int[] wBounds = {0, wp - window, wp - shift, wp};
    int cnt = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int y = Math.max(hBounds[i], 0); y < hBounds[i + 1]; y++) {
          for (int x = Math.max(wBounds[j], 0); x < wBounds[j + 1]; x++) {
            region[y][x] = cnt;
          }
        }
        cnt++;
      }
    }
    int n = window * window;
    int nw = wp / window;
    int windows = (hp / window) * nw;
    float[] out = new float[windows * n * n];
    for (int wi = 0; wi < windows; wi++) {
      int oy = (wi / nw) * window;
      int ox = (wi % nw) * window;
      for (int a = 0; a < n; a++) {
        for (int bb = 0; bb < n; bb++) {
          int ra = region[oy + a / window][ox + a % window];
          int rb = region[oy + bb / window][ox + bb % window];
          out[(wi * n + a) * n + bb] = ra == rb ? 0f : -100f;
        }
      }
    }
    return out;
  }

  public long parameterCount() {
    return wMsa.parameterCount();
  }
}
