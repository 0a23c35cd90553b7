package io.posekit.tfmodels.weights;

import java.nio.ByteBuffer;

/** The element types of PyTorch storages ({@code torch.FloatStorage} ...), read as floats. */
public enum TorchDtype {
  FLOAT32("FloatStorage", 4),
  FLOAT64("DoubleStorage", 8),
  FLOAT16("HalfStorage", 2),
  BFLOAT16("BFloat16Storage", 2),
  INT64("LongStorage", 8),
  INT32("IntStorage", 4),
  INT16("ShortStorage", 2),
  INT8("CharStorage", 1),
  UINT8("ByteStorage", 1),
  BOOL("BoolStorage", 1);

  private final String storageName;
  private final int size;

  TorchDtype(String storageName, int size) {
    this.storageName = storageName;
    this.size = size;
  }

  /** The dtype of {@code torch.<name>}, or null when {@code name} is not a storage class. */
  static TorchDtype ofStorage(String name) {
    for (TorchDtype d : values()) {
      if (d.storageName.equals(name)) {
        return d;
      }
    }
    return null;
  }

  public int size() {
    return size;
  }

  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
  }

  /** Element {@code index} of {@code data} as a float (integers exactly up to 2^24). */
  float read(ByteBuffer data, long index) {
    int at = Math.toIntExact(index * size);
    return switch (this) {
      case FLOAT32 -> data.getFloat(at);
      case FLOAT64 -> (float) data.getDouble(at);
      case FLOAT16 -> halfToFloat(data.getShort(at));
      case BFLOAT16 -> Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
      case INT64 -> (float) data.getLong(at);
      case INT32 -> (float) data.getInt(at);
      case INT16 -> (float) data.getShort(at);
      case INT8 -> (float) data.get(at);
      case UINT8 -> (float) (data.get(at) & 0xff);
      case BOOL -> data.get(at) != 0 ? 1f : 0f;
    };
  }

  /** IEEE 754 binary16 to binary32, subnormals, infinities and NaN included. */
  static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h >>> 15) << 31;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal half: mant * 2^-24
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
