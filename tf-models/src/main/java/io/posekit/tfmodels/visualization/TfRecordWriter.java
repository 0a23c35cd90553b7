package io.posekit.tfmodels.visualization;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TensorFlow's record framing, the layout of TensorBoard event files: per record the length as a
 * little-endian uint64, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data.
 */
final class TfRecordWriter {
  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecordWriter() {}

  /** TensorFlow's masked CRC: the CRC-32C rotated right by 15 bits plus a constant. */
  static int maskedCrc32c(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  static void write(OutputStream out, byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc32c(header.array(), 0, 8));
    out.write(header.array());
    out.write(data);
    ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(maskedCrc32c(data, 0, data.length));
    out.write(footer.array());
  }
}
