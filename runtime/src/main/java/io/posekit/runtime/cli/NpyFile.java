package io.posekit.runtime.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes NumPy's {@code .npy} format, version 1.0, for little-endian float32 arrays in C order:
 * the magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length, then the
 * header, a Python dict literal ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (K, H, W), }})
 * padded with spaces and ended by a newline so that the data starts at a multiple of 64 bytes,
 * as {@code numpy.save} lays it out, then the values.
 */
final class NpyFile {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy aligns the start of the data to 64 bytes (ARRAY_ALIGN). */
  private static final int ALIGN = 64;

  private NpyFile() {}

  static void writeFloat32(Path file, int[] shape, float[] values) throws IOException {
    long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
    if (count != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, got " + values.length);
    }
    byte[] header = header(shape);
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header);
      out.write(data.array());
    }
  }

  /** Magic, version, length and the padded dict: a multiple of {@value #ALIGN} bytes. */
  static byte[] header(int[] shape) {
    String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    // a one-element tuple needs its trailing comma, as Python's repr writes it
    String tuple = "(" + dims + (shape.length == 1 ? "," : "") + ")";
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
    int prefix = MAGIC.length + 2 + 2;
    int total = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
    int headerLength = total - prefix;
    if (headerLength > 0xffff) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs a header too long for format 1.0");
    }
    String padded = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
    ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
    out.put(padded.getBytes(StandardCharsets.US_ASCII));
    return out.array();
  }
}
