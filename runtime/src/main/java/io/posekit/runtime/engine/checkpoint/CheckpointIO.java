package io.posekit.runtime.engine.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes checkpoints. Format {@value #FORMAT} version {@value #VERSION}: a zip archive
 * (entries STORED, so it is fast and any zip tool can list it) holding
 * <ul>
 *   <li>{@code checkpoint.json}: {@code {"format", "version", "meta": {...}, "arrays": [{"key",
 *       "entry", "length", "crc32"}...]}};
 *   <li>{@code arrays/NNNNNN.f32}: each array as little-endian IEEE float32, in key order.
 * </ul>
 * Doubles in {@code meta} are written by Jackson in their shortest round-trip form, so they come
 * back bit-exact. Files are written with {@link AtomicFiles}; reading checks the zip structure,
 * the format, the version, every array's length and CRC, and names the file in every error.
 */
public final class CheckpointIO {
  public static final String FORMAT = "posekit-checkpoint";
  public static final int VERSION = 1;
  static final String INDEX = "checkpoint.json";
  /** The pointer file MMEngine's {@code CheckpointHook} keeps in the work dir. */
  public static final String LAST_CHECKPOINT = "last_checkpoint";
  /** A zip local file header: the signature PK\3\4, then 26 bytes before the entry's name. */
  private static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
  private static final int LOCAL_HEADER = 30;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private CheckpointIO() {}

  public static void save(Path file, Checkpoint checkpoint) {
    try {
      AtomicFiles.write(file, out -> writeZip(out, checkpoint));
    } catch (IOException e) {
      throw new CheckpointException(file, "cannot be written: " + e, e);
    }
  }

  private static void writeZip(OutputStream raw, Checkpoint checkpoint) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(raw);
    List<Map<String, Object>> index = new ArrayList<>();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<String, float[]> e : new TreeMap<>(checkpoint.arrays()).entrySet()) {
      float[] values = e.getValue();
      ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(values);
      byte[] bytes = buf.array();
      String entry = String.format("arrays/%06d.f32", n++);
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("key", e.getKey());
      item.put("entry", entry);
      item.put("length", values.length);
      item.put("crc32", crc(bytes));
      index.add(item);
      entries.put(entry, bytes);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("meta", checkpoint.meta());
    root.put("arrays", index);
    putStored(zip, INDEX, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      putStored(zip, e.getKey(), e.getValue());
    }
    zip.finish();
    zip.flush();
  }

  private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    entry.setCrc(crc(bytes));
    entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0)); // reproducible bytes, no extra field
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  public static Checkpoint load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException(file, "no such file");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry indexEntry = zip.getEntry(INDEX);
      if (indexEntry == null) {
        throw new CheckpointException(file, "not a PoseKit checkpoint: no " + INDEX + " entry");
      }
      Map<String, Object> root;
      try (InputStream in = zip.getInputStream(indexEntry)) {
        root = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
      }
      if (!FORMAT.equals(root.get("format"))) {
        throw new CheckpointException(file, "format is " + root.get("format") + ", expected " + FORMAT);
      }
      if (!(root.get("version") instanceof Number v) || v.intValue() != VERSION) {
        throw new CheckpointException(file, "format version " + root.get("version") + " is not supported (this reader knows " + VERSION + ")");
      }
      if (!(root.get("meta") instanceof Map<?, ?> metaRaw) || !(root.get("arrays") instanceof List<?> arrays)) {
        throw new CheckpointException(file, INDEX + " lacks 'meta' or 'arrays'");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) metaRaw;
      Map<String, float[]> out = new TreeMap<>();
      for (Object o : arrays) {
        Map<?, ?> item = (Map<?, ?>) o;
        String key = String.valueOf(item.get("key"));
        String entryName = String.valueOf(item.get("entry"));
        int length = ((Number) item.get("length")).intValue();
        long expectedCrc = ((Number) item.get("crc32")).longValue();
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
          throw new CheckpointException(file, "array '" + key + "': entry " + entryName + " is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        if (bytes.length != length * 4L) {
          throw new CheckpointException(file, "array '" + key + "' has " + bytes.length + " bytes, expected " + length * 4L);
        }
        if (crc(bytes) != expectedCrc) {
          throw new CheckpointException(file, "array '" + key + "' is corrupt (CRC mismatch)");
        }
        float[] values = new float[length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        out.put(key, values);
      }
      return new Checkpoint(meta, out);
    } catch (CheckpointException e) {
      throw e;
    } catch (ZipException e) {
      throw new CheckpointException(file, "truncated or corrupt (" + e.getMessage() + "); copy it again from where it was saved", e);
    } catch (IOException | RuntimeException e) {
      throw new CheckpointException(file, "cannot be read: " + e, e);
    }
  }

  /** Writes the {@code last_checkpoint} pointer (the checkpoint's absolute path) atomically. */
  public static void writeLastCheckpoint(Path dir, Path checkpoint) {
    Path pointer = dir.resolve(LAST_CHECKPOINT);
    try {
      AtomicFiles.writeString(pointer, checkpoint.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new CheckpointException(pointer, "cannot be written: " + e, e);
    }
  }

  /**
   * Whether {@code file} is a checkpoint of this format: a zip whose first entry is
   * {@code checkpoint.json}, as {@link #save} writes it (a PyTorch/MMPose {@code .pth} is a zip too,
   * starting with its {@code data.pkl}). Told from the first local header, so a truncated checkpoint
   * of ours is still recognised, and {@link #load} says it is truncated.
   */
  public static boolean isPoseKitCheckpoint(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(LOCAL_HEADER + INDEX.length());
    } catch (IOException e) {
      return false; // the reader it goes to instead names the file and what is wrong
    }
    ByteBuffer header = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    return head.length == LOCAL_HEADER + INDEX.length() && header.getInt(0) == LOCAL_HEADER_SIGNATURE
        && header.getShort(26) == INDEX.length()
        && new String(head, LOCAL_HEADER, INDEX.length(), StandardCharsets.UTF_8).equals(INDEX);
  }

  /** The checkpoint {@code last_checkpoint} in {@code dir} points to, or null when there is none. */
  public static Path findLastCheckpoint(Path dir) {
    Path pointer = dir.resolve(LAST_CHECKPOINT);
    try {
      return Path.of(Files.readString(pointer, StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CheckpointException(pointer, "cannot be read: " + e, e);
    }
  }
}
