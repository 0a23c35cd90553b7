package io.posekit.tfmodels.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a checkpoint in the zip format of {@code torch.save} (PyTorch 1.6 and later), so our runs'
 * checkpoints open in PyTorch ({@code torch.load}) as well as in {@link TorchCheckpoint}. Values may
 * be maps with string keys (Python dicts), lists, {@code Object[]} (tuples), strings, numbers,
 * booleans, null, {@link StateDict}s and {@link FloatArray}s (float32 tensors). The pickle is
 * protocol 2 as torch.save writes it; entries are stored uncompressed, as PyTorch stores them.
 */
public final class TorchCheckpointWriter {
  private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();
  private final List<FloatArray> storages = new ArrayList<>();

  private TorchCheckpointWriter() {}

  public static void save(Object checkpoint, Path file) throws IOException {
    TorchCheckpointWriter w = new TorchCheckpointWriter();
    w.pickle.write(new byte[] {(byte) 0x80, 2});
    w.value(checkpoint, "checkpoint");
    w.pickle.write('.');
    String archive = stem(file);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
      stored(zip, archive + "/data.pkl", w.pickle.toByteArray());
      stored(zip, archive + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < w.storages.size(); i++) {
        float[] v = w.storages.get(i).values();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        stored(zip, archive + "/data/" + i, b.array());
      }
      stored(zip, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String s = dot > 0 ? name.substring(0, dot) : name;
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  private void value(Object v, String path) throws IOException {
    if (v == null) {
      pickle.write('N');
    } else if (v instanceof Boolean b) {
      pickle.write(b ? 0x88 : 0x89);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      integer(((Number) v).longValue());
    } else if (v instanceof Float || v instanceof Double) {
      pickle.write('G');
      pickle.write(ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array());
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof FloatArray a) {
      tensor(a);
    } else if (v instanceof StateDict sd) {
      value(sd.asMap(), path);
    } else if (v instanceof Map<?, ?> m) {
      pickle.write('}');
      if (!m.isEmpty()) {
        pickle.write('(');
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!(e.getKey() instanceof String || e.getKey() instanceof Integer || e.getKey() instanceof Long)) {
            throw new IllegalArgumentException(path + ": dict key " + e.getKey() + " is not a string or an int");
          }
          value(e.getKey(), path);
          value(e.getValue(), path + "." + e.getKey());
        }
        pickle.write('u');
      }
    } else if (v instanceof List<?> l) {
      pickle.write(']');
      if (!l.isEmpty()) {
        pickle.write('(');
        for (int i = 0; i < l.size(); i++) {
          value(l.get(i), path + "." + i);
        }
        pickle.write('e');
      }
    } else if (v instanceof Object[] t) {
      pickle.write('(');
      for (int i = 0; i < t.length; i++) {
        value(t[i], path + "." + i);
      }
      pickle.write('t');
    } else {
      throw new IllegalArgumentException(path + ": cannot write a " + v.getClass().getName() + " into a checkpoint");
    }
  }

  private void integer(long n) {
    if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
      pickle.write('J');
      pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) n).array());
    } else {
      pickle.write(0x8a);
      pickle.write(8);
      pickle.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array());
    }
  }

  private void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    pickle.write('X');
    pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
    pickle.writeBytes(b);
  }

  private void global(String module, String name) {
    pickle.write('c');
    pickle.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code _rebuild_tensor_v2(storage, 0, size, contiguous stride, False, OrderedDict())}, storage by persistent id. */
  private void tensor(FloatArray a) {
    String key = Integer.toString(storages.size());
    storages.add(a);
    long[] shape = a.shape();
    global("torch._utils", "_rebuild_tensor_v2");
    pickle.write('(');
    pickle.write('(');
    string("storage");
    global("torch", "FloatStorage");
    string(key);
    string("cpu");
    integer(a.values().length);
    pickle.write('t');
    pickle.write('Q');
    integer(0);
    pickle.write('(');
    for (long d : shape) {
      integer(d);
    }
    pickle.write('t');
    pickle.write('(');
    long stride = 1;
    long[] strides = new long[shape.length];
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= shape[i];
    }
    for (long s : strides) {
      integer(s);
    }
    pickle.write('t');
    pickle.write(0x89);
    global("collections", "OrderedDict");
    pickle.write(')');
    pickle.write('R');
    pickle.write('t');
    pickle.write('R');
  }
}
