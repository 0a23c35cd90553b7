package io.posekit.tfmodels.structures;

/**
 * OpenCV's 8-bit {@code COLOR_BGR2HSV} and {@code COLOR_HSV2BGR} (hue in [0, 180)), bit for bit:
 * the forward way in OpenCV's fixed point (12-bit reciprocal tables), the way back in float as
 * OpenCV computes it. The HSV augmentations of RTMPose's pipeline depend on the exact rounding.
 */
public final class HsvConversion {
  private static final int HSV_SHIFT = 12;
  private static final int[] SDIV = new int[256];
  private static final int[] HDIV = new int[256];
  // OpenCV's sector_data: which of (v, v(1-s), v(1-sh), v(1-s(1-h))) is b, g, r per sector
  private static final int[][] SECTOR = {{1, 3, 0}, {1, 0, 2}, {3, 0, 1}, {0, 2, 1}, {0, 1, 3}, {2, 1, 0}};
  private static final float HSCALE = 6.f / 180;

  static {
    for (int i = 1; i < 256; i++) {
      // saturate_cast<int>(double) rounds; none of these quotients is a tie
      SDIV[i] = (int) Math.rint((255 << HSV_SHIFT) / (double) i);
      HDIV[i] = (int) Math.rint((180 << HSV_SHIFT) / (6.0 * i));
    }
  }

  private HsvConversion() {}

  /** {@code cv2.cvtColor(img, COLOR_BGR2HSV)} of a 3-channel image, into a new array. */
  public static byte[] bgrToHsv(byte[] bgr) {
    byte[] out = new byte[bgr.length];
    for (int p = 0; p < bgr.length; p += 3) {
      int b = bgr[p] & 0xff, g = bgr[p + 1] & 0xff, r = bgr[p + 2] & 0xff;
      int v = Math.max(b, Math.max(g, r));
      int vmin = Math.min(b, Math.min(g, r));
      int diff = v - vmin;
      int s = (diff * SDIV[v] + (1 << (HSV_SHIFT - 1))) >> HSV_SHIFT;
      int h;
      if (v == r) {
        h = g - b;
      } else if (v == g) {
        h = b - r + 2 * diff;
      } else {
        h = r - g + 4 * diff;
      }
      h = (h * HDIV[diff] + (1 << (HSV_SHIFT - 1))) >> HSV_SHIFT;
      if (h < 0) {
        h += 180;
      }
      out[p] = (byte) Math.min(h, 255);
      out[p + 1] = (byte) s;
      out[p + 2] = (byte) v;
    }
    return out;
  }

  /**
   * {@code cv2.cvtColor(hsv, COLOR_HSV2BGR)} of an image {@code width} pixels wide; hue bytes past
   * 179 wrap into the sectors as OpenCV wraps them. OpenCV 4.x converts each row in blocks of
   * {@link #SIMD_BLOCK} pixels with vector code that truncates, and the rest of the row with scalar
   * code that rounds; both are reproduced as Debian's OpenCV 4.6 runs them on x86 with AVX2,
   * fused multiply-adds included (equal on all 2^24 inputs in both the vector and the scalar code).
   */
  public static byte[] hsvToBgr(byte[] hsv, int width) {
    if (width <= 0 || hsv.length % (3 * width) != 0) {
      throw new IllegalArgumentException("HSV image of " + hsv.length + " bytes is not rows of " + width + " pixels");
    }
    byte[] out = new byte[hsv.length];
    float[] bgr = new float[3];
    int vectorEnd = width / SIMD_BLOCK * SIMD_BLOCK;
    for (int p = 0, x = 0; p < hsv.length; p += 3, x = x + 1 == width ? 0 : x + 1) {
      float h = hsv[p] & 0xff;
      float s = (hsv[p + 1] & 0xff) * (1.f / 255.f);
      float v = (hsv[p + 2] & 0xff) * (1.f / 255.f);
      boolean vector = x < vectorEnd;
      if (vector) {
        vectorPixel(h, s, v, bgr);
      } else {
        scalarPixel(h, s, v, bgr);
      }
      for (int c = 0; c < 3; c++) {
        float scaled = bgr[c] * 255.f;
        // v_trunc then saturating packs; saturate_cast rounds half to even
        int i = vector ? (int) scaled : (int) Math.rint(scaled);
        out[p + c] = (byte) Math.max(0, Math.min(255, i));
      }
    }
    return out;
  }

  /** Pixels converted per block by OpenCV's AVX2 code: 4 vectors of 8 floats. */
  static final int SIMD_BLOCK = 32;

  /** {@code HSV2RGB_native}. */
  private static void scalarPixel(float h, float s, float v, float[] bgr) {
    if (s == 0) {
      bgr[0] = bgr[1] = bgr[2] = v;
      return;
    }
    h *= HSCALE;
    h %= 6.f; // fmod, h >= 0
    int sector = (int) Math.floor(h);
    h -= sector;
    if (sector < 0 || sector >= 6) {
      sector = 0;
      h = 0.f;
    }
    // GCC fuses 1 - s*h here but not 1 - s*(1 - h) (found against all 2^24 inputs)
    float[] tab = {v, v * (1.f - s), v * Math.fma(-s, h, 1.f), v * (1.f - s * (1.f - h))};
    for (int c = 0; c < 3; c++) {
      bgr[c] = tab[SECTOR[sector][c]];
    }
  }

  /** {@code HSV2RGB_simd}: the sector as {@code trunc(h) - 6 trunc(trunc(h) / 6)}, chosen by masks. */
  private static void vectorPixel(float h, float s, float v, float[] bgr) {
    h *= HSCALE;
    float preSector = (int) h;
    h -= preSector;
    float tab0 = v;
    float tab1 = v * (1.f - s);
    // in the vector code GCC fuses both 1 - s*h and 1 - s*(1 - h)
    float tab2 = v * Math.fma(-s, h, 1.f);
    float tab3 = v * Math.fma(-s, 1.f - h, 1.f);
    float sector = preSector - (int) (preSector * (1.f / 6.f)) * 6.f;
    // each channel ORs the table entries whose sector mask holds; none holds past sector 5
    bgr[0] = sector < 2 ? tab1 : sector == 2 ? tab3 : sector == 3 || sector == 4 ? tab0 : tab2;
    bgr[1] = sector < 1 ? tab3 : sector == 1 || sector == 2 ? tab0 : sector == 3 ? tab2 : tab1;
    bgr[2] = sector < 1 ? tab0 : sector == 1 ? tab2 : sector == 2 || sector == 3 ? tab1 : sector == 4 ? tab3 : tab0;
  }

}
