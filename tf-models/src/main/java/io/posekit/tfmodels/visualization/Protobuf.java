package io.posekit.tfmodels.visualization;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Just enough protobuf wire format to write TensorBoard's {@code Event} and {@code Summary} messages. */
final class Protobuf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private void varint(long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  Protobuf int64(int field, long v) {
    tag(field, 0);
    varint(v);
    return this;
  }

  Protobuf double64(int field, double v) {
    tag(field, 1);
    long bits = Double.doubleToRawLongBits(v);
    for (int i = 0; i < 8; i++) {
      out.write((int) (bits >>> (8 * i)));
    }
    return this;
  }

  Protobuf float32(int field, float v) {
    tag(field, 5);
    int bits = Float.floatToRawIntBits(v);
    for (int i = 0; i < 4; i++) {
      out.write(bits >>> (8 * i));
    }
    return this;
  }

  Protobuf bytes(int field, byte[] v) {
    tag(field, 2);
    varint(v.length);
    out.writeBytes(v);
    return this;
  }

  Protobuf string(int field, String v) {
    return bytes(field, v.getBytes(StandardCharsets.UTF_8));
  }

  Protobuf message(int field, Protobuf m) {
    return bytes(field, m.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
