package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.models.heads.TestCfg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.codecs.DecodedKeypoints;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.datapreprocessors.PoseDataPreprocessor;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class TopdownPoseEstimatorTest {
  private static final int B = 2;
  private static final int H = 64;
  private static final int W = 48;
  private static final int K = 4;
  private static final int[] FLIP = {1, 0, 3, 2};
  private static final KeypointCodec CODEC = new MSRAHeatmap(new int[] {W, H}, new int[] {16, 16}, 2.0, false, 11);

  /** A narrow ResNet-18 (16 base channels) with a small heatmap head. */
  private static TopdownPoseEstimator tinyModel(TestCfg testCfg) {
    ResNet backbone = new ResNet(18, 3, 16, 16, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = new HeatmapHead(128, K, new int[] {32, 32, 32}, new int[] {4, 4, 4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0), Optional.of(CODEC), null);
    PoseDataPreprocessor pre = new PoseDataPreprocessor(List.of(123.675, 116.28, 103.53), List.of(58.395, 57.12, 57.375), true);
    return new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(), testCfg, Optional.of(pre), null);
  }

  private static float[] randomImages(long seed) {
    Random r = new Random(seed);
    float[] x = new float[B * H * W * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() * 255f;
    }
    return x;
  }

  private static float[] mirror(float[] nhwc) {
    float[] out = new float[nhwc.length];
    for (int b = 0; b < B; b++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          for (int c = 0; c < 3; c++) {
            out[((b * H + y) * W + (W - 1 - x)) * 3 + c] = nhwc[((b * H + y) * W + x) * 3 + c];
          }
        }
      }
    }
    return out;
  }

  @Test
  void lossDecreasesOnAFixedBatch() {
    TopdownPoseEstimator model = tinyModel(new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false));
    float[] images = randomImages(1);
    float[][][] kps = {{{10, 12}, {38, 12}, {14, 50}, {34, 50}}, {{20, 20}, {28, 20}, {16, 40}, {30, 44}}};
    float[] targets = new float[B * 16 * 16 * K];
    float[] weights = new float[B * K];
    for (int b = 0; b < B; b++) {
      EncodedTargets enc = CODEC.encode(kps[b], null);
      for (int c = 0; c < K; c++) {
        weights[b * K + c] = enc.keypointWeights()[c];
        for (int y = 0; y < 16; y++) {
          for (int x = 0; x < 16; x++) {
            targets[((b * 16 + y) * 16 + x) * K + c] = enc.heatmaps().get(c, y, x);
          }
        }
      }
    }
    try (TopdownGraph g = model.buildGraph(B, H, W, FLIP, 42)) {
      assertEquals(Shape.of(B, 16, 16, K), g.heatmapShape());
      assertEquals(model.parameterCount(), g.parameters().parameterCount());
      float first = g.trainStep(images, targets, weights, 1e-3);
      float last = first;
      for (int i = 0; i < 19; i++) {
        last = g.trainStep(images, targets, weights, 1e-3);
      }
      assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
      // BN running statistics moved away from their (0, 1) start
      var rm = g.parameters().parameters().get("backbone.bn1.running_mean");
      assertTrue(rm != null && !rm.trainable() && rm.buffer());
      List<DecodedKeypoints> preds = g.predict(images);
      assertEquals(B, preds.size());
      assertEquals(K, preds.get(0).keypoints().length);
    }
  }

  @Test
  void flipTestIsMirrorSymmetric() {
    TopdownPoseEstimator model = tinyModel(new TestCfg(true, TestCfg.FlipMode.HEATMAP, false, false));
    float[] images = randomImages(7);
    try (TopdownGraph g = model.buildGraph(B, H, W, FLIP, 3)) {
      float[] a = g.predictHeatmaps(images);
      float[] b = g.predictHeatmaps(mirror(images));
      // averaging a prediction with its flipped-back mirror is itself mirror-equivariant
      float maxAbs = 0;
      for (int n = 0; n < B; n++) {
        for (int y = 0; y < 16; y++) {
          for (int x = 0; x < 16; x++) {
            for (int c = 0; c < K; c++) {
              float va = a[((n * 16 + y) * 16 + x) * K + c];
              float vb = b[((n * 16 + y) * 16 + (15 - x)) * K + FLIP[c]];
              assertEquals(va, vb, 1e-6f + 1e-3f * Math.abs(va));
              maxAbs = Math.max(maxAbs, Math.abs(va));
            }
          }
        }
      }
      assertTrue(maxAbs > 0, "heatmaps are all zero, the check would be vacuous");
    }
  }

  @Test
  void flipBackMirrorsSwapsAndShiftsOneColumn() {
    // one sample, 1 row, 3 columns, 2 channels: (c0, c1) per column = (1, 10), (2, 20), (3, 30)
    try (Graph graph = new Graph(); Session s = new Session(graph)) {
      Ops tf = Ops.create(graph);
      var x = tf.constant(Shape.of(1, 1, 3, 2), DataBuffers.of(new float[] {1, 10, 2, 20, 3, 30}));
      var y = io.posekit.tfmodels.models.heads.Flip.heatmaps(tf, x, new int[] {1, 0}, true);
      try (var r = s.runner().fetch(y).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[6];
        t.asRawTensor().data().asFloats().read(out);
        // mirror: (3,30),(2,20),(1,10); swap: (30,3),(20,2),(10,1); shift right keeping column 0
        assertArrayEquals(new float[] {30, 3, 30, 3, 20, 2}, out);
      }
    }
  }
}
