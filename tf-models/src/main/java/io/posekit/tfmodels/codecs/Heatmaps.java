package io.posekit.tfmodels.codecs;

import java.util.Arrays;

/** A stack of heatmaps in (C, H, W) order, row-major, as MMPose's {@code (K, H, W)} arrays. */
public record Heatmaps(float[] data, int channels, int height, int width) {
  public Heatmaps {
    if (data.length != channels * height * width) {
      throw new IllegalArgumentException(
          "data has " + data.length + " values, not " + channels + "x" + height + "x" + width);
    }
  }

  public static Heatmaps zeros(int channels, int height, int width) {
    return new Heatmaps(new float[channels * height * width], channels, height, width);
  }

  public float get(int c, int y, int x) {
    return data[(c * height + y) * width + x];
  }

  public void set(int c, int y, int x, float value) {
    data[(c * height + y) * width + x] = value;
  }

  /** A deep copy, since decoding modulates heatmaps in place the way MMPose does on its copy. */
  public Heatmaps copy() {
    return new Heatmaps(data.clone(), channels, height, width);
  }

  /** One channel as a fresh {@code [H][W]} array. */
  public float[][] channel(int c) {
    float[][] out = new float[height][width];
    for (int y = 0; y < height; y++) {
      System.arraycopy(data, (c * height + y) * width, out[y], 0, width);
    }
    return out;
  }

  public void setChannel(int c, float[][] values) {
    for (int y = 0; y < height; y++) {
      System.arraycopy(values[y], 0, data, (c * height + y) * width, width);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Heatmaps h
        && h.channels == channels && h.height == height && h.width == width
        && Arrays.equals(h.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + channels * 961 + height * 31 + width;
  }

  @Override
  public String toString() {
    return "Heatmaps[" + channels + "x" + height + "x" + width + "]";
  }
}
