package io.posekit.tfmodels.codecs;

/** MMPose's {@code get_heatmap_maximum}: the arg-max pixel of each channel and its value. */
public final class HeatmapMaximum {
  private HeatmapMaximum() {}

  /**
   * Returns {@link DecodedKeypoints} in heatmap pixels; a channel whose maximum is not positive
   * gets location (-1, -1). Ties resolve to the first pixel in row-major order, as numpy's argmax.
   */
  public static DecodedKeypoints of(Heatmaps heatmaps) {
    int k = heatmaps.channels();
    int hw = heatmaps.height() * heatmaps.width();
    float[][] locs = new float[k][2];
    float[] vals = new float[k];
    float[] data = heatmaps.data();
    for (int c = 0; c < k; c++) {
      int best = 0;
      float max = data[c * hw];
      for (int i = 1; i < hw; i++) {
        if (data[c * hw + i] > max) {
          max = data[c * hw + i];
          best = i;
        }
      }
      vals[c] = max;
      if (max <= 0f) {
        locs[c][0] = -1;
        locs[c][1] = -1;
      } else {
        locs[c][0] = best % heatmaps.width();
        locs[c][1] = best / heatmaps.width();
      }
    }
    return new DecodedKeypoints(locs, vals);
  }
}
