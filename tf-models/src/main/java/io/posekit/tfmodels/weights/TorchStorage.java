package io.posekit.tfmodels.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One storage of a torch checkpoint: {@code numel} elements of {@code dtype}, whose bytes the
 * {@link Source} gives by key ({@code <archive>/data/<key>} in the zip format, the records after
 * the pickles in the legacy one), read on first use. A legacy storage view starts {@code offset}
 * elements into its root storage.
 */
final class TorchStorage {
  /** Where the bytes of a storage key are. */
  @FunctionalInterface
  interface Source {
    byte[] bytes(String key) throws IOException;
  }

  private final TorchDtype dtype;
  private final String key;
  private final long offset;
  private final long numel;
  private final Source source;
  private final ByteOrder order;
  private final String file;
  private ByteBuffer data;

  TorchStorage(TorchDtype dtype, String key, long offset, long numel, Source source, ByteOrder order, String file) {
    this.dtype = dtype;
    this.key = key;
    this.offset = offset;
    this.numel = numel;
    this.source = source;
    this.order = order;
    this.file = file;
  }

  TorchDtype dtype() {
    return dtype;
  }

  long numel() {
    return numel;
  }

  /** The element where this storage starts in {@link #data()}. */
  long offset() {
    return offset;
  }

  ByteBuffer data() throws IOException {
    if (data == null) {
      byte[] bytes = source.bytes(key);
      if (bytes.length < (offset + numel) * dtype.size()) {
        throw new IOException(file + ": storage '" + key + "' has " + bytes.length + " bytes, needs "
            + (offset + numel) * dtype.size() + " for " + (offset + numel) + " " + dtype);
      }
      data = ByteBuffer.wrap(bytes).order(order);
    }
    return data;
  }
}
