package io.posekit.tfmodels.structures;

import java.awt.image.BufferedImage;

/**
 * An 8-bit image as an {@code (h, w, c)} array in row-major order with channels in BGR order, the
 * layout OpenCV (and so MMPose) loads images in; the data preprocessor converts to RGB.
 */
public record ImageArray(int height, int width, int channels, byte[] data) {

  public ImageArray {
    if ((long) height * width * channels != data.length) {
      throw new IllegalArgumentException(
          "image of " + height + " x " + width + " x " + channels + " needs " + (long) height * width * channels
              + " bytes, got " + data.length);
    }
  }

  public static ImageArray zeros(int height, int width, int channels) {
    return new ImageArray(height, width, channels, new byte[height * width * channels]);
  }

  /**
   * Converts a decoded image to BGR bytes. A {@code TYPE_3BYTE_BGR} image (what javax.imageio
   * decodes colour JPEGs to) already has this layout and is copied as it is.
   */
  public static ImageArray fromBufferedImage(BufferedImage image) {
    int h = image.getHeight(), w = image.getWidth();
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && image.getRaster().getParent() == null
        && image.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && buffer.getData().length == h * w * 3) {
      return new ImageArray(h, w, 3, buffer.getData().clone());
    }
    byte[] data = new byte[h * w * 3];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        data[p] = (byte) row[x];
        data[p + 1] = (byte) (row[x] >> 8);
        data[p + 2] = (byte) (row[x] >> 16);
      }
    }
    return new ImageArray(h, w, 3, data);
  }

  public int get(int y, int x, int c) {
    return data[(y * width + x) * channels + c] & 0xff;
  }

  /** {@code (h, w)}, as MMPose's {@code img_shape}. */
  public int[] shape() {
    return new int[] {height, width};
  }

  /** The image mirrored along {@code direction} ({@code mmcv.imflip}). */
  public ImageArray flip(FlipDirection direction) {
    byte[] out = new byte[data.length];
    int row = width * channels;
    for (int y = 0; y < height; y++) {
      int sy = direction == FlipDirection.HORIZONTAL ? y : height - 1 - y;
      if (direction == FlipDirection.VERTICAL) {
        System.arraycopy(data, sy * row, out, y * row, row);
        continue;
      }
      int src = sy * row, dst = y * row;
      for (int x = 0; x < width; x++) {
        int s = src + (width - 1 - x) * channels, d = dst + x * channels;
        for (int c = 0; c < channels; c++) {
          out[d + c] = data[s + c];
        }
      }
    }
    return new ImageArray(height, width, channels, out);
  }
}
