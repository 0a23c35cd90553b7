package io.posekit.tfmodels.codecs;

import java.util.Arrays;

/**
 * A float array with its shape, row-major, as a numpy array of MMPose's codecs: one field of an
 * encoded sample ({@code keypoint_x_labels} {@code (K, Wx)}) or one head output of a sample
 * handed to {@code decode} ({@code (K, H, W)} heatmaps).
 */
public record NdFloats(long[] shape, float[] data) {
  public NdFloats {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
    }
    shape = shape.clone();
  }

  public static NdFloats of(float[] data, long... shape) {
    return new NdFloats(shape, data);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long size(int dim) {
    return shape[dim];
  }

  public NdFloats copy() {
    return new NdFloats(shape, data.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdFloats a && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NdFloats" + Arrays.toString(shape);
  }
}
