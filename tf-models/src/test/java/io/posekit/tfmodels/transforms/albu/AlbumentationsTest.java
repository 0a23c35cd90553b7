package io.posekit.tfmodels.transforms.albu;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.spi.Tuple;
import io.posekit.tfmodels.structures.ImageArray;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Albumentations 1.3's Blur, MedianBlur and CoarseDropout as RTMPose's configs write them. */
class AlbumentationsTest {

  static ImageArray grey(int h, int w, int value) {
    byte[] px = new byte[h * w * 3];
    java.util.Arrays.fill(px, (byte) value);
    return new ImageArray(h, w, 3, px);
  }

  static CoarseDropout rtmposeDropout(double p) {
    // dict(type='CoarseDropout', max_holes=1, max_height=0.4, max_width=0.4, min_holes=1,
    //      min_height=0.2, min_width=0.2, p=1.)
    return new CoarseDropout(1, 0.4, 0.4, 1, 0.2, 0.2, 0, null, false, p);
  }

  @Test
  void blurLimitsGiveTheOddKernelSizesBetweenThreeAndTheLimit() {
    assertArrayEquals(new int[] {3, 5, 7}, new Blur(7, false, 0.1).kernelSizes());
    assertArrayEquals(new int[] {3}, new Blur(3, false, 0.1).kernelSizes());
    assertArrayEquals(new int[] {3, 5}, new Blur(Tuple.of(3, 5), false, 0.1).kernelSizes());
    assertArrayEquals(new int[] {3, 5, 7}, new MedianBlur(7, false, 0.1).kernelSizes());
    IllegalArgumentException even = assertThrows(IllegalArgumentException.class, () -> new MedianBlur(List.of(3, 6), false, 0.1));
    assertTrue(even.getMessage().contains("odd"), even.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Blur(7.0, false, 0.1));
  }

  @Test
  void probabilityGatesTheTransform() {
    ImageArray img = PixelImages.noise(9, 11, 1);
    assertSame(img, new Blur(7, false, 0.0).apply(img, new SplittableRandom(1)));
    assertNotSame(img, new Blur(7, true, 0.0).apply(img, new SplittableRandom(1)));
    // p = 0.1 over many draws applies about a tenth of the time
    MedianBlur median = new MedianBlur(7, false, 0.1);
    SplittableRandom rng = new SplittableRandom(2);
    int applied = 0;
    for (int i = 0; i < 2000; i++) {
      applied += median.apply(img, rng) != img ? 1 : 0;
    }
    assertEquals(200, applied, 45);
  }

  @Test
  void fractionalHolesAreIntOfSideTimesTheDrawnFraction() {
    // min == max fraction: a 20 x 30 image gets exactly one int(20 * 0.25) x int(30 * 0.25) = 5 x 7 hole
    CoarseDropout fixed = new CoarseDropout(1, 0.25, 0.25, 1, 0.25, 0.25, 0, null, false, 1.0);
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = 0; i < 200; i++) {
      List<CoarseDropout.Hole> holes = fixed.drawHoles(20, 30, rng);
      assertEquals(1, holes.size());
      CoarseDropout.Hole h = holes.get(0);
      assertEquals(5, h.y2() - h.y1());
      assertEquals(7, h.x2() - h.x1());
      assertTrue(h.x1() >= 0 && h.y1() >= 0 && h.x2() <= 30 && h.y2() <= 20, h.toString());
    }
    // RTMPose's 0.2 to 0.4 of a 256 x 192 input: heights int(256 u), u in [0.2, 0.4)
    CoarseDropout rtm = rtmposeDropout(1.0);
    int minH = 999, maxH = 0;
    for (int i = 0; i < 3000; i++) {
      CoarseDropout.Hole h = rtm.drawHoles(256, 192, rng).get(0);
      minH = Math.min(minH, h.y2() - h.y1());
      maxH = Math.max(maxH, h.y2() - h.y1());
      assertTrue(h.x2() - h.x1() >= 38 && h.x2() - h.x1() <= 76);
    }
    assertEquals(51, minH); // int(256 * 0.2)
    assertEquals(102, maxH); // int(256 * 0.4 - epsilon)
  }

  @Test
  void intHolesArePixelsAndEveryCornerCanBeDrawn() {
    CoarseDropout px = new CoarseDropout(3, 4, 2, 2, 4, 2, 0, null, false, 1.0);
    SplittableRandom rng = new SplittableRandom(6);
    boolean[] seenY1 = new boolean[7];
    for (int i = 0; i < 500; i++) {
      List<CoarseDropout.Hole> holes = px.drawHoles(10, 5, rng);
      assertTrue(holes.size() == 2 || holes.size() == 3);
      for (CoarseDropout.Hole h : holes) {
        assertEquals(4, h.y2() - h.y1());
        assertEquals(2, h.x2() - h.x1());
        seenY1[h.y1()] = true; // randint(0, 10 - 4) includes 6
      }
    }
    for (boolean seen : seenY1) {
      assertTrue(seen);
    }
  }

  @Test
  void cutoutFillsTheHoleInEveryChannel() {
    CoarseDropout d = new CoarseDropout(1, 2, 2, null, null, null, 9, null, false, 1.0);
    ImageArray out = d.cutout(grey(4, 5, 200), List.of(new CoarseDropout.Hole(1, 2, 3, 4)));
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        boolean inHole = x >= 1 && x < 3 && y >= 2;
        for (int c = 0; c < 3; c++) {
          assertEquals(inHole ? 9 : 200, out.get(y, x, c), "(" + x + ", " + y + ")");
        }
      }
    }
  }

  @Test
  void badSizesAreRefusedAsAlbumentationsRefusesThem() {
    IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
        () -> new CoarseDropout(1, 0.4, 40, 1, 0.2, 10, 0, null, false, 1.0));
    assertTrue(mixed.getMessage().contains("all be ints or all floats"), mixed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CoarseDropout(1, 1.5, 0.4, 1, 0.2, 0.2, 0, null, false, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new CoarseDropout(1, 0.4, 0.4, 2, 0.2, 0.2, 0, null, false, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new CoarseDropout(1, 0.2, 0.4, 1, 0.3, 0.2, 0, null, false, 1.0));
    CoarseDropout tooBig = new CoarseDropout(1, 40, 4, null, null, null, 0, null, false, 1.0);
    assertThrows(IllegalArgumentException.class, () -> tooBig.drawHoles(30, 30, new SplittableRandom(0)));
  }
}
