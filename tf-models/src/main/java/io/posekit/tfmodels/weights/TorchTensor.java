package io.posekit.tfmodels.weights;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A tensor from a {@code .pth} file, as {@code torch._utils._rebuild_tensor_v2} describes it: a
 * storage, an element offset into it, a size and strides (so views and non-contiguous tensors read
 * right). {@link #toFloatArray()} gathers it into a dense row-major array.
 */
public final class TorchTensor {
  private final TorchStorage storage;
  private final long offset;
  private final long[] shape;
  private final long[] stride;

  TorchTensor(TorchStorage storage, long offset, long[] shape, long[] stride) {
    if (shape.length != stride.length) {
      throw new IllegalArgumentException("size and stride of different lengths");
    }
    this.storage = storage;
    this.offset = offset;
    this.shape = shape.clone();
    this.stride = stride.clone();
  }

  public TorchDtype dtype() {
    return storage.dtype();
  }

  public long[] shape() {
    return shape.clone();
  }

  public long numel() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** The values as float32 (float16/bfloat16/float64 and integer storages converted). */
  public FloatArray toFloatArray() {
    int n = Math.toIntExact(numel());
    float[] out = new float[n];
    if (n > 0) {
      long last = offset;
      for (int i = 0; i < shape.length; i++) {
        last += (shape[i] - 1) * stride[i];
      }
      if (offset < 0 || last >= storage.numel()) {
        throw new IllegalStateException("tensor view (offset " + offset + ", size " + FloatArray.shapeString(shape)
            + ") reaches past its storage of " + storage.numel() + " elements");
      }
      try {
        var data = storage.data();
        TorchDtype dtype = storage.dtype();
        int rank = shape.length;
        long[] idx = new long[rank];
        long pos = storage.offset() + offset;
        for (int o = 0; o < n; o++) {
          out[o] = dtype.read(data, pos);
          for (int i = rank - 1; i >= 0; i--) {
            idx[i]++;
            pos += stride[i];
            if (idx[i] < shape[i]) {
              break;
            }
            pos -= idx[i] * stride[i];
            idx[i] = 0;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new FloatArray(shape, out);
  }

  @Override
  public String toString() {
    return "tensor(" + dtype() + ", size=" + FloatArray.shapeString(shape) + ")";
  }
}
