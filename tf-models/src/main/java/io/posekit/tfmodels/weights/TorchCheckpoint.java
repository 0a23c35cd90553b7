package io.posekit.tfmodels.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * Reads what {@code torch.save} writes (the zip format of PyTorch 1.6 and later:
 * {@code <archive>/data.pkl}, {@code <archive>/data/<key>} storages, {@code <archive>/byteorder};
 * and the legacy format before it, {@link LegacyTorchCheckpoint}) without Python. Dicts come back as {@code Map}s, lists as {@code List}s, tuples as
 * {@code Object[]}, tensors as {@link TorchTensor}s, unknown classes as {@link PythonObject}s.
 * Tensors are materialised into arrays while the file is open, so the result outlives it.
 */
public final class TorchCheckpoint {
  private TorchCheckpoint() {}

  /** The unpickled object with every tensor read into a {@link FloatArray}. */
  public static Object load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": checkpoint file not found");
    }
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(2);
    }
    if (magic.length == 0) {
      throw new IOException(file + ": the checkpoint file is empty");
    }
    if (magic.length == 2 && magic[0] == (byte) 0x80) {
      return LegacyTorchCheckpoint.load(file);
    }
    if (magic.length < 2 || magic[0] != 'P' || magic[1] != 'K') {
      throw new IOException(file + ": corrupt or not a checkpoint: neither a zip archive (torch.save since PyTorch 1.6,"
          + " PoseKit) nor a pickle (older torch.save)");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return load(zip, file);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // a storage read while materializing tensors (a missing or short entry)
    } catch (ZipException e) {
      // head -c of a checkpoint, an interrupted download or copy: the zip's directory at the end is missing or broken
      throw new IOException(file + ": truncated or corrupt zip archive (" + e.getMessage()
          + "); copy or download the checkpoint again", e);
    }
  }

  private static Object load(ZipFile zip, Path file) throws IOException {
    String prefix = archivePrefix(zip, file);
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
    if (byteorder != null) {
      String text;
      try (InputStream in = zip.getInputStream(byteorder)) {
        text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
      }
      order = switch (text) {
        case "little" -> ByteOrder.LITTLE_ENDIAN;
        case "big" -> ByteOrder.BIG_ENDIAN;
        default -> throw new IOException(file + ": unknown byteorder '" + text + "'");
      };
    }
    TorchStorage.Source bytes = key -> {
      ZipEntry entry = zip.getEntry(prefix + "data/" + key);
      if (entry == null) {
        throw new IOException(file + ": storage '" + key + "' has no entry " + prefix + "data/" + key);
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    };
    TorchUnpickler unpickler = new TorchUnpickler(bytes, order, file.toString());
    Object root;
    ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
    try (InputStream in = zip.getInputStream(pickle)) {
      root = unpickler.load(in, pickle.getSize());
      return Materialized.of(root);
    } catch (PickleException | ClassCastException e) {
      throw new IOException(file + ": cannot unpickle data.pkl: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // a pickle nests lists as deep as its bytes allow; no checkpoint nests more than a few levels
      throw new IOException(file + ": cannot unpickle data.pkl: its values are nested too deeply", e);
    } finally {
      unpickler.close();
    }
  }

  /** The folder all entries live in ({@code archive/} or the file's stem), found from {@code data.pkl}. */
  private static String archivePrefix(ZipFile zip, Path file) throws IOException {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      if (name.endsWith("data.pkl") && name.indexOf('/') == name.lastIndexOf('/')) {
        return name.substring(0, name.length() - "data.pkl".length());
      }
    }
    throw new IOException(file + ": zip file without data.pkl, not a torch.save checkpoint");
  }
}
