package io.posekit.tfmodels.weights;

import java.util.Arrays;

/** A dense row-major float array with its shape: one entry of a {@link StateDict}. */
public record FloatArray(long[] shape, float[] values) {
  public FloatArray {
    shape = shape.clone();
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + values.length);
    }
  }

  public static FloatArray scalar(float value) {
    return new FloatArray(new long[0], new float[] {value});
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public boolean sameShape(long[] other) {
    return Arrays.equals(shape, other);
  }

  /** The axes reordered: output axis i is input axis {@code perm[i]} (numpy's {@code transpose}). */
  public FloatArray permute(int... perm) {
    if (perm.length != shape.length) {
      throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " for rank " + shape.length);
    }
    int rank = shape.length;
    long[] outShape = new long[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = shape[perm[i]];
    }
    long[] inStride = new long[rank];
    long s = 1;
    for (int i = rank - 1; i >= 0; i--) {
      inStride[i] = s;
      s *= shape[i];
    }
    long[] stride = new long[rank];
    for (int i = 0; i < rank; i++) {
      stride[i] = inStride[perm[i]];
    }
    float[] out = new float[values.length];
    int[] idx = new int[rank];
    for (int o = 0; o < out.length; o++) {
      long src = 0;
      for (int i = 0; i < rank; i++) {
        src += idx[i] * stride[i];
      }
      out[o] = values[(int) src];
      for (int i = rank - 1; i >= 0; i--) {
        if (++idx[i] < outShape[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return new FloatArray(outShape, out);
  }

  public static String shapeString(long[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatArray f && Arrays.equals(shape, f.shape) && Arrays.equals(values, f.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FloatArray" + shapeString(shape);
  }
}
