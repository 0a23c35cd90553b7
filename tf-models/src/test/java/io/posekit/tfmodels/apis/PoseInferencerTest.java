package io.posekit.tfmodels.apis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.models.heads.TestCfg;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.structures.ImageArray;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoseInferencerTest {
  /** The ResNet-18 fixture model of the weights tests, with an MSRAHeatmap decoder for 64x64 inputs. */
  private static PoseInferencer inferencer() throws URISyntaxException {
    ResNet backbone = new ResNet(18, 3, 8, 4, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = new HeatmapHead(32, 17, new int[] {16, 16, 16}, new int[] {4, 4, 4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0),
        Optional.of(new MSRAHeatmap(new int[] {64, 64}, new int[] {16, 16}, 2.0, false, 11)), null);
    TopdownPoseEstimator model = new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false), Optional.empty(), null);
    Path ckpt = Path.of(PoseInferencerTest.class.getResource("/io/posekit/tfmodels/weights/resnet18_tiny.pth").toURI());
    return PoseInferencer.initModel(model, ckpt.toString(), null);
  }

  private static ImageArray randomImage(int h, int w, long seed) {
    byte[] data = new byte[h * w * 3];
    new Random(seed).nextBytes(data);
    return new ImageArray(h, w, 3, data);
  }

  /** {@code src} placed at (dx, dy) in a larger black image. */
  private static ImageArray shifted(ImageArray src, int dx, int dy, int h, int w) {
    byte[] out = new byte[h * w * 3];
    for (int y = 0; y < src.height(); y++) {
      System.arraycopy(src.data(), y * src.width() * 3, out, ((y + dy) * w + dx) * 3, src.width() * 3);
    }
    return new ImageArray(h, w, 3, out);
  }

  @Test
  void keypointsMapBackToTheBoxInTheOriginalImage() {
    // box centre (50, 60), padded scale (40, 40) = the 64x64 input at 40/64 px per input pixel
    double[][] kps = PoseInferencer.toImage(new float[][] {{32, 32}, {0, 0}, {64, 16}}, new double[] {50, 60},
        new double[] {40, 40}, 64, 64);
    assertArrayEquals(new double[] {50, 60}, kps[0], 1e-9);
    assertArrayEquals(new double[] {30, 40}, kps[1], 1e-9);
    assertArrayEquals(new double[] {70, 50}, kps[2], 1e-9);
    assertArrayEquals(new double[] {100, 50}, PoseInferencer.fixAspectRatio(new double[] {100, 20}, 2.0), 1e-9);
    assertArrayEquals(new double[] {60, 30}, PoseInferencer.fixAspectRatio(new double[] {20, 30}, 2.0), 1e-9);
  }

  @Test
  void movingThePersonInTheImageMovesItsKeypointsByAsMuch() throws Exception {
    ImageArray a = randomImage(80, 100, 5);
    ImageArray b = shifted(a, 32, 16, 140, 160);
    try (PoseInferencer inf = inferencer()) {
      PoseResult ra = inf.inferenceTopdown(a, List.of(new double[] {20, 16, 60, 76})).get(0);
      PoseResult rb = inf.inferenceTopdown(b, List.of(new double[] {52, 32, 92, 92})).get(0);
      assertEquals(17, ra.keypoints().length);
      // the warp matrix is float32 like MMPose's, so a crop pixel may differ by a grey level: loose tolerances
      for (int k = 0; k < 17; k++) {
        assertEquals(ra.keypoints()[k][0] + 32, rb.keypoints()[k][0], 1e-2, "x of " + k);
        assertEquals(ra.keypoints()[k][1] + 16, rb.keypoints()[k][1], 1e-2, "y of " + k);
        assertEquals(ra.keypointScores()[k], rb.keypointScores()[k], 1e-3 * Math.abs(ra.keypointScores()[k]));
        // inside the padded box: crop of 75 x 75 around (40, 46)
        assertTrue(Math.abs(ra.keypoints()[k][0] - 40) <= 37.5 && Math.abs(ra.keypoints()[k][1] - 46) <= 37.5);
      }
    }
  }

  @Test
  void imageFileWithoutBoxesUsesTheWholeImage(@TempDir Path dir) throws Exception {
    BufferedImage img = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(3);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 48; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    Path file = dir.resolve("person.png");
    ImageIO.write(img, "png", file.toFile());
    try (PoseInferencer inf = inferencer()) {
      List<PoseResult> results = inf.inferenceTopdown(file, List.of());
      assertEquals(1, results.size());
      assertArrayEquals(new double[] {0, 0, 48, 64}, results.get(0).bbox());
      var e = assertThrows(IllegalArgumentException.class,
          () -> inf.inferenceTopdown(file, List.of(new double[] {10, 10, 5, 20})));
      assertTrue(e.getMessage().contains("x2 > x1"), e.getMessage());
      var missing = assertThrows(IllegalArgumentException.class,
          () -> inf.inferenceTopdown(dir.resolve("nope.png"), null));
      assertTrue(missing.getMessage().contains("nope.png"), missing.getMessage());
    }
  }
}
