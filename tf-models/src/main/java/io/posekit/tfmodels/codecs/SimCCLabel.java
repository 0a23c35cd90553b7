package io.posekit.tfmodels.codecs;

import io.posekit.annotations.ConfigValue;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMPose's {@code SimCCLabel}: each keypoint as two 1-D label vectors over the input width and
 * height subdivided {@code simcc_split_ratio} times ({@code keypoint_x_labels (K, Wx)},
 * {@code keypoint_y_labels (K, Wy)}), Gaussian ({@code sigma} per axis, optionally normalised to
 * unit area) or one-hot with label smoothing; decoding takes the arg-max of each vector (optionally
 * refined as DARK does on 1-D distributions) and, with {@code decode_visibility}, the smaller of
 * the two sharpened soft-max peaks as the keypoint's visibility.
 */
@RegisterModule(registry = Registries.KEYPOINT_CODECS)
public final class SimCCLabel implements KeypointCodec {
  /** MMPose's {@code smoothing_type}. */
  public enum SmoothingType {
    @ConfigValue("gaussian")
    GAUSSIAN,
    @ConfigValue("standard")
    STANDARD
  }

  private final int[] inputSize;
  private final SmoothingType smoothingType;
  private final double[] sigma;
  private final double simccSplitRatio;
  private final double labelSmoothWeight;
  private final boolean normalize;
  private final boolean useDark;
  private final boolean decodeVisibility;
  private final double decodeBeta;
  private final int labelW;
  private final int labelH;

  /** @param sigma a number for both axes or an (x, y) pair */
  public SimCCLabel(
      int[] inputSize,
      @Param(defaultValue = "'gaussian'") SmoothingType smoothingType,
      @Param(defaultValue = "6.0") Object sigma,
      @Param(defaultValue = "2.0") double simccSplitRatio,
      @Param(defaultValue = "0.0") double labelSmoothWeight,
      @Param(defaultValue = "True") boolean normalize,
      @Param(defaultValue = "False") boolean useDark,
      @Param(defaultValue = "False") boolean decodeVisibility,
      @Param(defaultValue = "150.0") double decodeBeta) {
    this.inputSize = MSRAHeatmap.checkSize("input_size", inputSize);
    this.smoothingType = smoothingType;
    this.sigma = sigmaPair(sigma);
    this.simccSplitRatio = simccSplitRatio;
    this.labelSmoothWeight = labelSmoothWeight;
    this.normalize = normalize;
    this.useDark = useDark;
    this.decodeVisibility = decodeVisibility;
    this.decodeBeta = decodeBeta;
    if (smoothingType == SmoothingType.GAUSSIAN && labelSmoothWeight > 0) {
      throw new IllegalArgumentException("SimCCLabel: label_smooth_weight is only used with smoothing_type='standard'");
    }
    if (labelSmoothWeight < 0 || labelSmoothWeight > 1) {
      throw new IllegalArgumentException("SimCCLabel: label_smooth_weight should be in [0, 1], got " + labelSmoothWeight);
    }
    this.labelW = (int) Math.rint(inputSize[0] * simccSplitRatio);
    this.labelH = (int) Math.rint(inputSize[1] * simccSplitRatio);
  }

  private static double[] sigmaPair(Object sigma) {
    if (sigma instanceof io.posekit.spi.Tuple t) {
      sigma = t.asList(); // RTMPose's configs write sigma=(4.9, 5.66)
    }
    if (sigma instanceof Number n) {
      return new double[] {n.doubleValue(), n.doubleValue()};
    }
    Object items = sigma instanceof io.posekit.spi.Tuple t ? t.asList() : sigma;
    if (items instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number x && list.get(1) instanceof Number y) {
      return new double[] {x.doubleValue(), y.doubleValue()};
    }
    throw new IllegalArgumentException("SimCCLabel: sigma must be a number or an (x, y) pair, got " + sigma);
  }

  @Override
  public EncodedTargets encode(float[][] keypoints, float[] keypointsVisible) {
    int k = keypoints.length;
    float[] visible = keypointsVisible == null ? MSRAHeatmap.ones(k) : keypointsVisible;
    float[] weights = visible.clone();
    float[] tx = new float[k * labelW];
    float[] ty = new float[k * labelH];
    float ratio = (float) simccSplitRatio;
    for (int j = 0; j < k; j++) {
      if (visible[j] < 0.5f) {
        continue;
      }
      // np.around (half to even) of the float32 product, then int64
      long muX = (long) Math.rint(keypoints[j][0] * ratio);
      long muY = (long) Math.rint(keypoints[j][1] * ratio);
      if (smoothingType == SmoothingType.STANDARD) {
        if (muX >= labelW || muY >= labelH || muX < 0 || muY < 0) {
          weights[j] = 0;
          continue;
        }
        if (labelSmoothWeight > 0) {
          java.util.Arrays.fill(tx, j * labelW, (j + 1) * labelW, (float) (labelSmoothWeight / (labelW - 1)));
          java.util.Arrays.fill(ty, j * labelH, (j + 1) * labelH, (float) (labelSmoothWeight / (labelH - 1)));
        }
        tx[j * labelW + (int) muX] = (float) (1.0 - labelSmoothWeight);
        ty[j * labelH + (int) muY] = (float) (1.0 - labelSmoothWeight);
      } else {
        double left = muX - sigma[0] * 3;
        double top = muY - sigma[1] * 3;
        double right = muX + sigma[0] * 3 + 1;
        double bottom = muY + sigma[1] * 3 + 1;
        if (left >= labelW || top >= labelH || right < 0 || bottom < 0) {
          weights[j] = 0;
          continue;
        }
        gaussian(tx, j * labelW, labelW, muX, sigma[0]);
        gaussian(ty, j * labelH, labelH, muY, sigma[1]);
      }
    }
    if (smoothingType == SmoothingType.GAUSSIAN && normalize) {
      // float32 labels divided by sigma * sqrt(2 pi), the divisor rounded to float32 as numpy does
      float nx = (float) (sigma[0] * Math.sqrt(Math.PI * 2));
      float ny = (float) (sigma[1] * Math.sqrt(Math.PI * 2));
      for (int i = 0; i < tx.length; i++) {
        tx[i] /= nx;
      }
      for (int i = 0; i < ty.length; i++) {
        ty[i] /= ny;
      }
    }
    Map<String, NdFloats> f = new LinkedHashMap<>();
    f.put(EncodedTargets.KEYPOINT_X_LABELS, NdFloats.of(tx, k, labelW));
    f.put(EncodedTargets.KEYPOINT_Y_LABELS, NdFloats.of(ty, k, labelH));
    f.put(EncodedTargets.KEYPOINT_WEIGHTS, NdFloats.of(weights, k));
    return new EncodedTargets(f);
  }

  /** {@code exp(-(x - mu)² / (2 sigma²))} over {@code x = 0..n-1}, in float32 as MMPose computes it. */
  private static void gaussian(float[] out, int offset, int n, long mu, double sigma) {
    float denom = (float) (2 * sigma * sigma);
    for (int x = 0; x < n; x++) {
      float d = (float) x - (float) mu;
      out[offset + x] = (float) Math.exp(-(d * d) / denom);
    }
  }

  @Override
  public DecodedKeypoints decode(List<NdFloats> outputs) {
    if (outputs.size() != 2 || outputs.get(0).rank() != 2 || outputs.get(1).rank() != 2
        || outputs.get(0).size(0) != outputs.get(1).size(0)) {
      throw new IllegalArgumentException("SimCCLabel decodes (K, Wx) and (K, Wy) vectors, got " + outputs);
    }
    int k = (int) outputs.get(0).size(0);
    int wx = (int) outputs.get(0).size(1);
    int wy = (int) outputs.get(1).size(1);
    float[] x = outputs.get(0).data().clone();
    float[] y = outputs.get(1).data().clone();
    float[][] keypoints = new float[k][2];
    float[] scores = maximum(x, y, k, wx, wy, keypoints);
    if (useDark) {
      refineDark(keypoints, 0, x, k, wx, darkKernel(sigma[0]));
      refineDark(keypoints, 1, y, k, wy, darkKernel(sigma[1]));
    }
    float ratio = (float) simccSplitRatio;
    for (float[] kp : keypoints) {
      kp[0] /= ratio;
      kp[1] /= ratio;
    }
    float[] visibility = null;
    if (decodeVisibility) {
      // on the vectors as DARK left them (MMPose refines them in place first)
      visibility = maximum(softmax(x, k, wx, (float) decodeBeta, (float) sigma[0]),
          softmax(y, k, wy, (float) decodeBeta, (float) sigma[1]), k, wx, wy, new float[k][2]);
    }
    return new DecodedKeypoints(keypoints, scores, visibility);
  }

  /** MMPose's {@code get_simcc_maximum}: arg-max per axis, score the smaller peak, (-1, -1) where it is not positive. */
  private static float[] maximum(float[] x, float[] y, int k, int wx, int wy, float[][] locs) {
    float[] vals = new float[k];
    for (int j = 0; j < k; j++) {
      int ix = argmax(x, j * wx, wx);
      int iy = argmax(y, j * wy, wy);
      float mx = x[j * wx + ix];
      float my = y[j * wy + iy];
      vals[j] = mx > my ? my : mx;
      locs[j][0] = vals[j] <= 0f ? -1f : ix;
      locs[j][1] = vals[j] <= 0f ? -1f : iy;
    }
    return vals;
  }

  private static int argmax(float[] v, int offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[offset + i] > v[offset + best]) {
        best = i;
      }
    }
    return best;
  }

  /** Soft-max per keypoint of {@code v * beta * sigma} (float32, after subtracting the row maximum). */
  private static float[] softmax(float[] v, int k, int n, float beta, float sigma) {
    float[] out = new float[v.length];
    for (int j = 0; j < k; j++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        out[j * n + i] = v[j * n + i] * beta * sigma;
        max = Math.max(max, out[j * n + i]);
      }
      float sum = 0;
      for (int i = 0; i < n; i++) {
        out[j * n + i] = (float) Math.exp(out[j * n + i] - max);
        sum += out[j * n + i];
      }
      for (int i = 0; i < n; i++) {
        out[j * n + i] /= sum;
      }
    }
    return out;
  }

  /** The blur kernel DARK uses for a sigma: {@code (20 sigma - 7) // 3}, made odd by stepping down. */
  static int darkKernel(double sigma) {
    int size = (int) Math.floor((sigma * 20 - 7) / 3);
    return size % 2 == 0 ? size - 1 : size;
  }

  /**
   * MMPose's {@code refine_simcc_dark} on one axis: modulate each vector ({@code gaussian_blur1d}),
   * clip to [1e-3, 50], take logs, pad by 2 with edge values, and step by the Taylor offset
   * {@code -f'/f''} at the integer location. Leaves {@code v} modulated, as MMPose does.
   */
  private static void refineDark(float[][] keypoints, int axis, float[] v, int k, int n, int kernel) {
    int border = (kernel - 1) / 2;
    for (int j = 0; j < k; j++) {
      float originMax = Float.NEGATIVE_INFINITY;
      float[] row = new float[n + 2 * border];
      for (int i = 0; i < n; i++) {
        row[border + i] = v[j * n + i];
        originMax = Math.max(originMax, v[j * n + i]);
      }
      float[] blurred = GaussianBlur.blurRow(row, kernel);
      float newMax = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        newMax = Math.max(newMax, blurred[border + i]);
      }
      float scale = originMax / newMax;
      for (int i = 0; i < n; i++) {
        float m = blurred[border + i] * scale;
        v[j * n + i] = (float) Math.log(Math.min(Math.max(m, 1e-3f), 50f));
      }
    }
    for (int j = 0; j < k; j++) {
      int px = (int) (long) (keypoints[j][axis] + 2.5f);
      float d0 = padded(v, j, n, px);
      float d1 = padded(v, j, n, px + 1);
      float dm1 = padded(v, j, n, px - 1);
      float d2 = padded(v, j, n, px + 2);
      float dm2 = padded(v, j, n, px - 2);
      float dx = 0.5f * (d1 - dm1);
      float dxx = 1e-9f + 0.25f * (d2 - 2 * d0 + dm2);
      keypoints[j][axis] -= dx / dxx;
    }
  }

  /** Element {@code i} of keypoint {@code j}'s vector padded by two edge values each side. */
  private static float padded(float[] v, int j, int n, int i) {
    return v[j * n + Math.min(Math.max(i - 2, 0), n - 1)];
  }

  @Override
  public int[] inputSize() {
    return inputSize.clone();
  }

  public SmoothingType smoothingType() {
    return smoothingType;
  }

  public double[] sigma() {
    return sigma.clone();
  }

  public double simccSplitRatio() {
    return simccSplitRatio;
  }

  public double labelSmoothWeight() {
    return labelSmoothWeight;
  }

  public boolean normalize() {
    return normalize;
  }

  public boolean useDark() {
    return useDark;
  }

  public boolean decodeVisibility() {
    return decodeVisibility;
  }

  public double decodeBeta() {
    return decodeBeta;
  }
}
