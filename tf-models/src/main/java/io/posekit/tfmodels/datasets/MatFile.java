package io.posekit.tfmodels.datasets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The numeric arrays of a MATLAB level-5 {@code .mat} file (what scipy's {@code loadmat} reads for
 * MPII's head boxes): plain and zlib-compressed elements, any numeric storage type, values as
 * doubles in MATLAB's column-major order. Structs, cells, sparse arrays and v7.3 (HDF5) files are
 * refused naming the file.
 */
final class MatFile {
  /** One array: its dimensions and its real values, column-major. */
  record Array(int[] dims, double[] values) {
    double at(int... index) {
      int offset = 0, stride = 1;
      for (int d = 0; d < dims.length; d++) {
        offset += index[d] * stride;
        stride *= dims[d];
      }
      return values[offset];
    }
  }

  private static final int MI_INT8 = 1, MI_UINT8 = 2, MI_INT16 = 3, MI_UINT16 = 4, MI_INT32 = 5, MI_UINT32 = 6;
  private static final int MI_SINGLE = 7, MI_DOUBLE = 9, MI_INT64 = 12, MI_UINT64 = 13, MI_MATRIX = 14, MI_COMPRESSED = 15;
  /** mxCHAR_CLASS .. mxUINT64_CLASS hold numbers or characters; below are cells, structs, objects. */
  private static final int FIRST_NUMERIC_CLASS = 4, SPARSE_CLASS = 5;

  private MatFile() {}

  /** The named numeric arrays of {@code bytes}, the content of {@code file}. */
  static Map<String, Array> read(byte[] bytes, String file) {
    if (bytes.length < 128) {
      throw new IllegalArgumentException(file + ": not a MATLAB .mat file (" + bytes.length + " bytes)");
    }
    String text = new String(bytes, 0, 116, StandardCharsets.ISO_8859_1);
    if (text.startsWith("MATLAB 7.3")) {
      throw new IllegalArgumentException(file + ": MATLAB v7.3 (HDF5) .mat files are not supported; save it with -v7");
    }
    ByteOrder order = bytes[126] == 'I' && bytes[127] == 'M' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    if (!(bytes[126] == 'I' && bytes[127] == 'M') && !(bytes[126] == 'M' && bytes[127] == 'I')) {
      throw new IllegalArgumentException(file + ": not a MATLAB level-5 .mat file (no endian indicator)");
    }
    Map<String, Array> out = new LinkedHashMap<>();
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
    buf.position(128);
    while (buf.remaining() >= 8) {
      element(buf, out, file);
    }
    return out;
  }

  private static void element(ByteBuffer buf, Map<String, Array> out, String file) {
    int type = buf.getInt();
    int size = buf.getInt();
    if (size < 0 || size > buf.remaining()) {
      throw new IllegalArgumentException(file + ": truncated .mat element at byte " + (buf.position() - 8));
    }
    ByteBuffer body = buf.slice(buf.position(), size).order(buf.order());
    if (type == MI_COMPRESSED) {
      buf.position(buf.position() + size);
      ByteBuffer inner = ByteBuffer.wrap(inflate(body, file)).order(buf.order());
      while (inner.remaining() >= 8) {
        element(inner, out, file);
      }
    } else {
      buf.position(buf.position() + padded(size));
      if (type == MI_MATRIX) {
        matrix(body, out, file);
      }
    }
  }

  private static void matrix(ByteBuffer m, Map<String, Array> out, String file) {
    int[] flags = ints(sub(m, file), file);
    int cls = flags[0] & 0xff;
    boolean complex = (flags[0] & 0x800) != 0;
    int[] dims = ints(sub(m, file), file);
    String name = new String(bytes(sub(m, file)), StandardCharsets.UTF_8);
    if (cls < FIRST_NUMERIC_CLASS || cls == SPARSE_CLASS) {
      return; // cells, structs, objects, sparse: not numbers MPII's files need
    }
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    if (complex) {
      throw new IllegalArgumentException(file + ": array '" + name + "' is complex; only real arrays are read");
    }
    out.put(name, new Array(dims, numbers(sub(m, file), n, file + ": array '" + name + "'")));
  }

  /** The next sub-element's data (small elements pack up to 4 bytes into the tag). */
  private static Sub sub(ByteBuffer m, String file) {
    int tag = m.getInt();
    int small = tag >>> 16;
    if (small != 0) {
      ByteBuffer data = m.slice(m.position(), small).order(m.order());
      m.position(m.position() + 4);
      return new Sub(tag & 0xffff, data);
    }
    int size = m.getInt();
    if (size < 0 || size > m.remaining()) {
      throw new IllegalArgumentException(file + ": truncated .mat array");
    }
    ByteBuffer data = m.slice(m.position(), size).order(m.order());
    m.position(Math.min(m.limit(), m.position() + padded(size)));
    return new Sub(tag, data);
  }

  private record Sub(int type, ByteBuffer data) {}

  private static int[] ints(Sub s, String file) {
    int width = s.type() == MI_INT32 || s.type() == MI_UINT32 ? 4 : -1;
    if (width < 0) {
      throw new IllegalArgumentException(file + ": unexpected .mat element type " + s.type() + " for flags or dimensions");
    }
    int[] out = new int[s.data().remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.data().getInt();
    }
    return out;
  }

  private static byte[] bytes(Sub s) {
    byte[] out = new byte[s.data().remaining()];
    s.data().get(out);
    return out;
  }

  /** {@code n} values stored as any of MATLAB's numeric types, as doubles. */
  private static double[] numbers(Sub s, int n, String where) {
    ByteBuffer d = s.data();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = switch (s.type()) {
        case MI_INT8 -> d.get();
        case MI_UINT8 -> d.get() & 0xff;
        case MI_INT16 -> d.getShort();
        case MI_UINT16 -> d.getShort() & 0xffff;
        case MI_INT32 -> d.getInt();
        case MI_UINT32 -> d.getInt() & 0xffffffffL;
        case MI_SINGLE -> d.getFloat();
        case MI_DOUBLE -> d.getDouble();
        case MI_INT64 -> d.getLong();
        case MI_UINT64 -> Double.parseDouble(Long.toUnsignedString(d.getLong()));
        default -> throw new IllegalArgumentException(where + ": unsupported storage type " + s.type());
      };
    }
    return out;
  }

  private static byte[] inflate(ByteBuffer compressed, String file) {
    byte[] in = new byte[compressed.remaining()];
    compressed.get(in);
    Inflater inflater = new Inflater();
    inflater.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException(file + ": a compressed .mat element is cut short");
        }
        out.write(chunk, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(file + ": a compressed .mat element is corrupt: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  private static int padded(int size) {
    return (size + 7) & ~7;
  }
}
