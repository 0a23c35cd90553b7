package io.posekit.tfmodels.weights;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * The format {@code torch.save} wrote before PyTorch 1.6 (many of MMPose's 2020 model-zoo files):
 * five pickles in a row (magic number, protocol version, sys info, the object, the list of storage
 * keys), then each storage in that order as an int64 element count and its raw bytes.
 */
final class LegacyTorchCheckpoint {
  private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

  private LegacyTorchCheckpoint() {}

  static Object load(Path file) throws IOException {
    // no length field can ask for more than the whole file
    long size = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      BoundedUnpickler plain = new BoundedUnpickler();
      Object magic = plain.load(in, size);
      if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(MAGIC)) {
        throw new IOException(file + ": a pickle, but not a torch checkpoint (no torch magic number)");
      }
      Object protocol = plain.load(in, size);
      if (!(protocol instanceof Number p) || p.intValue() != 1001) {
        throw new IOException(file + ": unsupported legacy torch protocol version " + protocol);
      }
      Object sysInfo = plain.load(in, size);
      if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
        throw new IOException(file + ": written on a big-endian machine; not supported");
      }
      Map<String, byte[]> data = new HashMap<>();
      TorchUnpickler unpickler = new TorchUnpickler(key -> {
        byte[] b = data.get(key);
        if (b == null) {
          throw new IOException(file + ": storage '" + key + "' is not among the file's storages");
        }
        return b;
      }, ByteOrder.LITTLE_ENDIAN, file.toString());
      Object root = unpickler.load(in, size);
      Object keys = plain.load(in, size);
      if (!(keys instanceof List<?> list)) {
        throw new IOException(file + ": expected the list of storage keys after the object, got " + keys);
      }
      DataInputStream din = new DataInputStream(in);
      byte[] count = new byte[8];
      for (Object k : list) {
        String key = String.valueOf(k);
        TorchStorage storage = unpickler.storages().get(key);
        if (storage == null) {
          throw new IOException(file + ": storage '" + key + "' is listed but no tensor uses it");
        }
        din.readFully(count);
        long numel = ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (numel < 0 || numel > size / storage.dtype().size()) {
          throw new IOException(file + ": storage '" + key + "' claims " + numel + " elements, more than the file holds");
        }
        byte[] bytes = new byte[Math.toIntExact(numel * storage.dtype().size())];
        din.readFully(bytes);
        data.put(key, bytes);
      }
      return Materialized.of(root);
    } catch (PickleException | ClassCastException e) {
      throw new IOException(file + ": truncated or corrupt legacy checkpoint: cannot unpickle it: " + e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    } catch (StackOverflowError e) {
      throw new IOException(file + ": truncated or corrupt legacy checkpoint: its values are nested too deeply", e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
        throw e;
      }
      throw new IOException(file + ": truncated or corrupt legacy checkpoint: " + e.getMessage(), e);
    }
  }
}
