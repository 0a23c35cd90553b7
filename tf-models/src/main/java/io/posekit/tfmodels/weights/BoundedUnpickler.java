package io.posekit.tfmodels.weights;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler, refusing a length field longer than the bytes the stream has left: Pyrolite
 * allocates a string's or bytes' buffer from its length field before reading it, so a 9-byte
 * pickle could ask for 2 GB ({@code BINUNICODE} of length 2**31 - 1).
 */
class BoundedUnpickler extends Unpickler {
  private Counting counted;
  private long size = Long.MAX_VALUE;

  /** Unpickles one object from {@code in}, which holds at most {@code size} bytes (negative: unknown). */
  Object load(InputStream in, long size) throws IOException {
    this.size = size < 0 ? Long.MAX_VALUE : size;
    counted = new Counting(in);
    return load(new PushbackInputStream(counted, 8));
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    int width = switch (key) {
      case 'X', 'T', 'B', 0x8b -> 4; // BINUNICODE, BINSTRING, BINBYTES, LONG4
      case 0x8d, 0x8e, 0x96 -> 8; // BINUNICODE8, BINBYTES8, BYTEARRAY8
      default -> 0;
    };
    if (width > 0 && input instanceof PushbackInputStream pushback && counted != null) {
      byte[] field = pushback.readNBytes(width);
      if (field.length < width) {
        throw new PickleException("truncated pickle: a length field ends early");
      }
      ByteBuffer b = ByteBuffer.wrap(field).order(ByteOrder.LITTLE_ENDIAN);
      long length = width == 4 ? b.getInt() : b.getLong();
      long left = size - counted.count;
      if (length < 0 || length > left) {
        throw new PickleException("corrupt pickle: a length field of " + length + " bytes with "
            + Math.max(0, left) + " left");
      }
      pushback.unread(field);
    }
    return super.dispatch(key);
  }

  /** Counts the bytes read through it. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count += Math.max(n, 0);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
