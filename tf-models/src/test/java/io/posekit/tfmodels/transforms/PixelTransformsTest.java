package io.posekit.tfmodels.transforms;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.tfmodels.structures.HsvConversion;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.ImageFilters;
import io.posekit.tfmodels.structures.PoseSample;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pixel arithmetic of RTMPose's colour and blur steps against OpenCV 4.6 and MMPose run on the
 * same 23 x 31 image with the same drawn parameters (fixtures from {@code make_pixel_fixtures.py}).
 */
class PixelTransformsTest {
  static final int H = 23, W = 31;

  static byte[] fixture(String name) {
    try (InputStream in = PixelTransformsTest.class.getResourceAsStream(name + ".u8")) {
      assertNotNull(in, "fixture " + name + ".u8");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ImageArray image() {
    return new ImageArray(H, W, 3, fixture("img"));
  }

  @Test
  void bgrToHsvEqualsOpenCv() {
    assertArrayEquals(fixture("img_bgr2hsv"), HsvConversion.bgrToHsv(fixture("img")));
  }

  @Test
  void hsvToBgrEqualsOpenCvOnTheScalarAndTheVectorPixelsOfARow() {
    // 31 wide: every pixel takes OpenCV's scalar (rounding) code, hues up to 255 included
    assertArrayEquals(fixture("hsv_hsv2bgr"), HsvConversion.hsvToBgr(fixture("hsv"), W));
    // 45 wide: the first 32 pixels of each row take the vector (truncating) code
    assertArrayEquals(fixture("hsv_wide_hsv2bgr"), HsvConversion.hsvToBgr(fixture("hsv_wide"), 45));
  }

  @Test
  void hsvToBgrByHand() {
    // pure red, then h = 60 (120 degrees, green) at half saturation and v = 200 in the scalar code:
    // sector 2, b = v (1 - s) = 200 * (1 - 128/255) = 99.6 -> 100, g = v, r = 99.6 -> 100
    byte[] px = HsvConversion.hsvToBgr(new byte[] {0, (byte) 255, (byte) 255, 60, (byte) 128, (byte) 200}, 2);
    assertArrayEquals(new byte[] {0, 0, (byte) 255, 100, (byte) 200, 100}, px);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 7})
  void blurAndMedianBlurEqualOpenCv(int k) {
    assertArrayEquals(fixture("img_blur" + k), ImageFilters.blur(image(), k).data());
    assertArrayEquals(fixture("img_median" + k), ImageFilters.medianBlur(image(), k).data());
  }

  @Test
  void blurByHand() {
    // 1 x 3 grey image 0, 30, 90: reflect-101 borders make rows (30 0 30), (0 30 90), (30 90 30)
    ImageArray img = new ImageArray(1, 3, 1, new byte[] {0, 30, 90});
    // each 3 x 3 window repeats its row three times: means 20, 40, 50
    assertArrayEquals(new byte[] {20, 40, 50}, ImageFilters.blur(img, 3).data());
    // replicated borders: windows (0 0 30), (0 30 90), (30 90 90) -> medians 0, 30, 90
    assertArrayEquals(new byte[] {0, 30, 90}, ImageFilters.medianBlur(img, 3).data());
  }

  @Test
  void yoloxHsvEqualsMmposeWithTheSameGains() {
    assertArrayEquals(fixture("img_yolox_a"), YOLOXHSVRandomAug.apply(image(), new int[] {3, -17, 25}).data());
    assertArrayEquals(fixture("img_yolox_b"), YOLOXHSVRandomAug.apply(image(), new int[] {-4, 29, -30}).data());
  }

  @Test
  void yoloxGainsStayInRangeAndTruncate() {
    YOLOXHSVRandomAug aug = new YOLOXHSVRandomAug(5, 30, 30);
    SplittableRandom rng = new SplittableRandom(3);
    int zeros = 0;
    for (int i = 0; i < 2000; i++) {
      int[] g = aug.hsvGains(rng);
      assertTrue(Math.abs(g[0]) <= 4 && Math.abs(g[1]) <= 29 && Math.abs(g[2]) <= 29, java.util.Arrays.toString(g));
      zeros += g[1] == 0 ? 1 : 0;
    }
    // half the coin flips zero the gain, plus the draws in (-1, 1) that truncate to 0
    assertEquals(2000 * (0.5 + 0.5 / 30), zeros, 80);
  }

  @Test
  void photometricDistortionEqualsMmposeWithTheSameFlags() {
    PhotometricDistortion.Flags p1 = new PhotometricDistortion.Flags(0, true, true, 3, true, -20.7, 1.3, 0.61, -11, new int[] {2, 0, 1});
    PhotometricDistortion.Flags p2 = new PhotometricDistortion.Flags(1, true, true, 1, false, 31.2, 0.55, 1.45, 17, new int[] {0, 1, 2});
    PhotometricDistortion.Flags p3 = new PhotometricDistortion.Flags(1, false, true, 2, true, 0.0, 1.21, 1.0, 9, new int[] {1, 2, 0});
    assertArrayEquals(fixture("img_photo_p1"), PhotometricDistortion.apply(image(), p1).data());
    assertArrayEquals(fixture("img_photo_p2"), PhotometricDistortion.apply(image(), p2).data());
    assertArrayEquals(fixture("img_photo_p3"), PhotometricDistortion.apply(image(), p3).data());
  }

  @Test
  void photometricDistortionByHand() {
    // brightness -20.7 then swap to (r, b, g): a pixel (10, 100, 250) -> (0, 79.3, 229.3) -> (0, 79, 229) -> (229, 0, 79)
    ImageArray img = new ImageArray(1, 1, 3, new byte[] {10, 100, (byte) 250});
    PhotometricDistortion.Flags f = new PhotometricDistortion.Flags(0, true, true, 0, true, -20.7, 1.3, 1, 0, new int[] {2, 0, 1});
    assertArrayEquals(new byte[] {(byte) 229, 0, 79}, PhotometricDistortion.apply(img, f).data());
  }

  @Test
  void photometricFlagsFollowMmposeRanges() {
    PhotometricDistortion t = new PhotometricDistortion(32, new double[] {0.5, 1.5}, new double[] {0.5, 1.5}, 18);
    SplittableRandom rng = new SplittableRandom(5);
    int minHue = 0, maxHue = 0;
    for (int i = 0; i < 3000; i++) {
      PhotometricDistortion.Flags f = t.randomFlags(rng);
      minHue = Math.min(minHue, f.hueDelta());
      maxHue = Math.max(maxHue, f.hueDelta());
      assertTrue(f.hsvMode() >= 0 && f.hsvMode() < 4);
      assertTrue(Math.abs(f.brightnessBeta()) <= 32 && f.contrastAlpha() >= 0.5 && f.contrastAlpha() < 1.5);
      int[] sorted = f.swapOrder().clone();
      java.util.Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2}, sorted);
    }
    // numpy's randint(-18, 18) never gives 18
    assertEquals(-18, minHue);
    assertEquals(17, maxHue);
  }

  @Test
  void colourStepsAreReproducibleFromTheSampleGenerator() {
    for (Transform t : new Transform[] {new YOLOXHSVRandomAug(5, 30, 30),
        new PhotometricDistortion(32, new double[] {0.5, 1.5}, new double[] {0.5, 1.5}, 18)}) {
      byte[] a = run(t, 11), b = run(t, 11);
      assertArrayEquals(a, b);
      boolean differs = false;
      for (long seed = 12; seed < 20 && !differs; seed++) {
        differs = !java.util.Arrays.equals(a, run(t, seed));
      }
      assertTrue(differs, t.getClass().getSimpleName() + " ignores its generator");
    }
  }

  static byte[] run(Transform t, long seed) {
    PoseSample s = new PoseSample();
    s.img = image();
    return t.transform(s, new SplittableRandom(seed)).img.data();
  }
}
