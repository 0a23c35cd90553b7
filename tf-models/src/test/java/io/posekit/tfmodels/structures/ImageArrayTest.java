package io.posekit.tfmodels.structures;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageArrayTest {
  private static BufferedImage random(int type, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, type);
    SplittableRandom r = new SplittableRandom(1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  @Test
  void bgrImagesConvertLikeAnyOther() {
    BufferedImage bgr = random(BufferedImage.TYPE_3BYTE_BGR, 7, 5);
    BufferedImage rgb = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(bgr, 0, 0, null);
    ImageArray fast = ImageArray.fromBufferedImage(bgr);
    ImageArray slow = ImageArray.fromBufferedImage(rgb);
    assertArrayEquals(slow.data(), fast.data());
    int p = bgr.getRGB(3, 2);
    assertEquals(p & 0xff, fast.get(2, 3, 0), "blue first");
    assertEquals((p >> 16) & 0xff, fast.get(2, 3, 2), "red last");
  }

  @Test
  void flipsMoveEveryPixel() {
    ImageArray img = ImageArray.fromBufferedImage(random(BufferedImage.TYPE_INT_RGB, 6, 4));
    ImageArray hf = img.flip(FlipDirection.HORIZONTAL);
    ImageArray vf = img.flip(FlipDirection.VERTICAL);
    ImageArray df = img.flip(FlipDirection.DIAGONAL);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(img.get(y, x, c), hf.get(y, 5 - x, c));
          assertEquals(img.get(y, x, c), vf.get(3 - y, x, c));
          assertEquals(img.get(y, x, c), df.get(3 - y, 5 - x, c));
        }
      }
    }
  }
}
