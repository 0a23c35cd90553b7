package io.posekit.tfmodels.structures;

/**
 * The size and colour components of a JPEG, read from its frame header (SOFn) without decoding
 * anything, so a pipeline knows {@code img_shape} before it knows which pixels it needs.
 *
 * @param components 1 (grey), 3 (YCbCr/RGB) or 4 (CMYK)
 * @param progressive whether the scan is progressive (no row can be skipped when cropping)
 */
public record JpegHeader(int height, int width, int components, boolean progressive) {

  /** True when {@code bytes} starts with a JPEG's start-of-image marker. */
  public static boolean isJpeg(byte[] bytes) {
    return bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF;
  }

  /**
   * Walks the marker segments up to the first frame header.
   *
   * @throws IllegalArgumentException when the data is not a JPEG or ends before a frame header
   */
  public static JpegHeader read(byte[] b) {
    if (!isJpeg(b)) {
      throw new IllegalArgumentException("not a JPEG (no start-of-image marker)");
    }
    int p = 2;
    while (p + 3 < b.length) {
      if ((b[p] & 0xff) != 0xFF) {
        throw new IllegalArgumentException("corrupt JPEG: expected a marker at byte " + p);
      }
      int marker = b[p + 1] & 0xff;
      if (marker == 0xFF) { // fill byte
        p++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
        p += 2;
        continue;
      }
      int length = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        if (p + 9 >= b.length) {
          break;
        }
        int height = ((b[p + 5] & 0xff) << 8) | (b[p + 6] & 0xff);
        int width = ((b[p + 7] & 0xff) << 8) | (b[p + 8] & 0xff);
        int components = b[p + 9] & 0xff;
        boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
        if (height == 0 || width == 0) {
          throw new IllegalArgumentException("JPEG with a zero image size (DNL-defined height is not supported)");
        }
        return new JpegHeader(height, width, components, progressive);
      }
      if (marker == 0xDA || marker == 0xD9) {
        break; // scan data or end of image before any frame header
      }
      p += 2 + length;
    }
    throw new IllegalArgumentException("corrupt JPEG: no frame header");
  }
}
