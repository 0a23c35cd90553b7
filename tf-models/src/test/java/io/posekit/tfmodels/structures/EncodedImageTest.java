package io.posekit.tfmodels.structures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lazily decoded JPEG warped through {@link EncodedImage#warp} gives the crop that decoding the
 * whole image and warping it gives ({@link WarpAffine}): the window decode loses nothing.
 */
class EncodedImageTest {
  static final int W = 320, H = 240;
  static byte[] jpeg;

  /** A test card with gradients, hard edges, thin lines and noise, so decoding errors would show. */
  @BeforeAll
  static void encode() throws Exception {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(20, 80, 200), W, H, new Color(230, 180, 30)));
    g.fillRect(0, 0, W, H);
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 40; i++) {
      g.setColor(new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)));
      g.setStroke(new BasicStroke(1 + rng.nextInt(6)));
      int x = rng.nextInt(W), y = rng.nextInt(H);
      if (i % 2 == 0) {
        g.fillOval(x, y, 5 + rng.nextInt(60), 5 + rng.nextInt(60));
      } else {
        g.drawLine(x, y, rng.nextInt(W), rng.nextInt(H));
      }
    }
    g.dispose();
    for (int i = 0; i < 3000; i++) { // speckle
      img.setRGB(rng.nextInt(W), rng.nextInt(H), rng.nextInt(0xffffff));
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.92f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(img, null, null), param);
    }
    writer.dispose();
    jpeg = out.toByteArray();
  }

  static double[][] warpMatrix(double cx, double cy, double boxW, double rot) {
    // MMPose's top-down warp for a 48 x 64 input: box of width boxW (aspect 0.75) about (cx, cy)
    return BBoxTransforms.getWarpMatrix(new double[] {cx, cy}, new double[] {boxW, boxW / 0.75}, rot, 48, 64);
  }

  static int maxAbsDiff(ImageArray a, ImageArray b) {
    assertArrayEquals(a.shape(), b.shape());
    int max = 0;
    for (int i = 0; i < a.data().length; i++) {
      max = Math.max(max, Math.abs((a.data()[i] & 0xff) - (b.data()[i] & 0xff)));
    }
    return max;
  }

  static double meanAbsDiff(ImageArray a, ImageArray b) {
    long sum = 0;
    for (int i = 0; i < a.data().length; i++) {
      sum += Math.abs((a.data()[i] & 0xff) - (b.data()[i] & 0xff));
    }
    return (double) sum / a.data().length;
  }

  @Test
  void headerGivesSizeWithoutDecoding() {
    JpegHeader header = JpegHeader.read(jpeg);
    assertEquals(H, header.height());
    assertEquals(W, header.width());
    assertEquals(3, header.components());
    assertArrayEquals(new int[] {H, W}, EncodedImage.ofJpeg("card.jpg", jpeg, false).shape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EncodedImage.ofJpeg("x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, false));
    assertTrue(e.getMessage().contains("x.png"), e.getMessage());
  }

  @Test
  void windowDecodeWarpsLikeTheWholeImage() {
    EncodedImage lazy = EncodedImage.ofJpeg("card.jpg", jpeg, false);
    ImageArray full = lazy.decode();
    // inside, rotated, partly outside on each side, bigger than the image, wholly outside
    double[][] cases = {
      {160, 120, 60, 0}, {100, 80, 90, 30}, {200, 150, 120, -75}, {10, 20, 80, 0}, {310, 230, 70, 45},
      {160, 120, 400, 10}, {-200, -200, 50, 0}
    };
    for (double[] c : cases) {
      double[][] m = warpMatrix(c[0], c[1], c[2], c[3]);
      ImageArray expected = WarpAffine.warp(full, m, 48, 64);
      ImageArray got = lazy.warp(m, 48, 64);
      // 1 grey level: the window's offset is folded into the matrix, which can move a rounding tie
      assertTrue(maxAbsDiff(expected, got) <= 1, "case " + java.util.Arrays.toString(c) + ": " + maxAbsDiff(expected, got));
    }
  }

  @Test
  void recordedFlipsWarpLikeFlippedPixels() {
    EncodedImage lazy = EncodedImage.ofJpeg("card.jpg", jpeg, false);
    ImageArray full = lazy.decode();
    double[][] m = warpMatrix(90, 70, 100, 20);
    for (FlipDirection dir : FlipDirection.values()) {
      EncodedImage flipped = lazy.flip(dir);
      assertEquals(0, maxAbsDiff(full.flip(dir), flipped.decode()), dir.name());
      ImageArray expected = WarpAffine.warp(full.flip(dir), m, 48, 64);
      assertTrue(maxAbsDiff(expected, flipped.warp(m, 48, 64)) <= 1, dir.name());
    }
    // two horizontal flips cancel
    assertEquals(0, maxAbsDiff(full, lazy.flip(FlipDirection.HORIZONTAL).flip(FlipDirection.HORIZONTAL).decode()));
  }

  @Test
  void reducedScaleDecodeStaysCloseWhenTheWarpShrinks() {
    EncodedImage exact = EncodedImage.ofJpeg("card.jpg", jpeg, false);
    EncodedImage reduced = EncodedImage.ofJpeg("card.jpg", jpeg, true);
    ImageArray full = exact.decode();
    // boxes 2.5x, 4.2x and 8.5x the 48 px input width: decoded at 1/2, 1/4 and 1/8
    for (double boxW : new double[] {120, 200, 410}) {
      double[][] m = warpMatrix(160, 120, boxW, 15);
      ImageArray expected = WarpAffine.warp(full, m, 48, 64);
      ImageArray got = reduced.warp(m, 48, 64);
      double mad = meanAbsDiff(expected, got);
      // bilinear sampling of every s-th pixel against libjpeg's area-averaged downscale: on this
      // speckled card they differ by 4.8 to 7.9 grey levels on average (aliasing of the full decode),
      // while the same crop moved by one output pixel differs by 8.6 to 16.8: the geometry agrees
      assertTrue(mad < 10, "box " + boxW + ": mean abs difference " + mad);
      assertTrue(meanAbsDiff(expected, reduced.warp(warpMatrix(161.0 + boxW / 48, 120, boxW, 15), 48, 64)) > mad,
          "a one-output-pixel shift must differ more than the reduced decode does");
    }
  }
}
