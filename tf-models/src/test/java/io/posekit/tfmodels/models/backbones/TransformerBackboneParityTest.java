package io.posekit.tfmodels.models.backbones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.Tuple;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.models.heads.TestCfg;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.weights.LoadReport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The transformer backbones against MMPose's own modules: {@code make_transformer_fixtures.py}
 * beside the fixtures builds MMPretrain's {@code VisionTransformer} and MMPose's
 * {@code HeatmapHead} from config dicts, saves random weights and the eval-mode heatmaps; ours load
 * the state dict strictly by its keys and must give the heatmaps within 1e-4 relative, with
 * PyTorch's parameter count.
 */
class TransformerBackboneParityTest {
  private static final int H = 64;
  private static final int W = 48;
  private static final int K = 3;
  static final Map<String, Object> TINY = Map.of("embed_dims", 16, "num_layers", 2, "num_heads", 2,
      "feedforward_channels", 24);
  static final Map<String, Object> LN6 = Map.of("type", "LN", "eps", 1e-6);

  static Path resource(String name) {
    try {
      return Path.of(TransformerBackboneParityTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static float[] floats(String name) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(resource(name))).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  static long referenceCount(String name) throws IOException {
    return Long.parseLong(Files.readString(resource(name)).trim());
  }

  static TopdownPoseEstimator estimator(Backbone backbone, int channels) {
    HeatmapHead head = new HeatmapHead(channels, K, new int[0], null, null, null, new FinalLayer(1, 0),
        new KeypointMSELoss(true, false, 1.0), Optional.empty(), null);
    return new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false), Optional.empty(), null);
  }

  /** max |ours - torch| / max |torch|, after checking the reference is not trivially zero. */
  static double relativeError(float[] ours, float[] torch) {
    assertEquals(torch.length, ours.length);
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < torch.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(ours[i] - torch[i]));
      maxRef = Math.max(maxRef, Math.abs(torch[i]));
    }
    assertTrue(maxRef > 1e-3, "reference heatmaps are ~0; the comparison would be vacuous");
    return maxDiff / maxRef;
  }

  static void assertHeatmaps(Backbone backbone, int channels, String checkpoint, String heatmaps) throws IOException {
    try (TopdownGraph g = estimator(backbone, channels).buildGraph(1, H, W, null, 0)) {
      LoadReport report = g.loadCheckpoint(resource(checkpoint).toString(), true);
      assertTrue(report.isClean(), report.toString());
      double err = relativeError(g.predictHeatmaps(floats("transformer_input.f32")), floats(heatmaps));
      assertTrue(err <= 1e-4, "relative error " + err);
    }
  }

  /** ViTPose's layout at tiny width: no class token, patch padding 2, drop path (idle in eval). */
  static io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer vitPoseTiny() {
    return new io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer(TINY, Tuple.of(H, W), 8, 3, -1, 0.0,
        0.3, true, LN6, true, "featmap", false, -1, "bicubic", 0.0, Map.of("padding", 2), Map.of(), false, null);
  }

  @Test
  void vitPoseLayoutGivesMmposeHeatmaps() throws IOException {
    var vit = vitPoseTiny();
    assertEquals(referenceCount("vit_tiny.params.txt"), vit.parameterCount());
    assertHeatmaps(vit, 16, "vit_tiny.pth", "vit_tiny.heatmaps.f32");
  }

  @Test
  void classTokenLayerScaleAndResizedPositionEmbeddingGiveMmposeHeatmaps() throws IOException {
    // img_size (32, 40) makes a 4x4 patch grid; the 64x48 input a 7x5 one: bicubic resize in forward
    var vit = new io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer(TINY, Tuple.of(32, 40),
        Tuple.of(10, 10), 3, -1, 0.0, 0.0, false, LN6, true, "featmap", true, -1, "bicubic", 0.1, Map.of(), Map.of(),
        false, null);
    assertEquals(referenceCount("vit_tiny_cls_resized.params.txt"), vit.parameterCount());
    assertHeatmaps(vit, 16, "vit_tiny_cls_resized.pth", "vit_tiny_cls_resized.heatmaps.f32");
  }

  @Test
  void mmclsVitKeepsClassTokenParametersButNotTheToken() throws IOException {
    var vit = new io.posekit.tfmodels.models.backbones.mmcls.VisionTransformer(TINY, Tuple.of(H, W), 8, 3, -1, 0.0,
        0.3, true, LN6, true, false, false, -1, false, "bicubic", Map.of("padding", 2), Map.of(), null);
    // MMPretrain's count plus cls_token (16) and its position row (16)
    assertEquals(referenceCount("vit_tiny.params.txt") + 32, vit.parameterCount());
    // the fixture is vit_tiny's state dict plus a random class token and position row: same heatmaps
    assertHeatmaps(vit, 16, "vit_tiny_mmcls.pth", "vit_tiny.heatmaps.f32");
  }

  @Test
  void vitPoseConfigsHaveMmposeParameterCounts() {
    // MMPose's td-hm_ViTPose-{small,base,large,huge}_8xb64-210e_coco-256x192.py backbones, counted by
    // PyTorch (sum of numel over MMPretrain's VisionTransformer built from the config)
    long[] expected = {21_663_360L, 85_794_048L, 303_295_488L, 630_910_720L};
    // ViTPose-S writes its arch as a dict
    Object[] archs = {Map.of("embed_dims", 384, "num_layers", 12, "num_heads", 12, "feedforward_channels", 384 * 4),
        "base", "large", "huge"};
    for (int i = 0; i < archs.length; i++) {
      var vit = new io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer(archs[i], Tuple.of(256, 192), 16,
          3, -1, 0.0, 0.3, true, LN6, true, "featmap", false, -1, "bicubic", 0.0, Map.of("padding", 2), Map.of(),
          false, null);
      assertEquals(expected[i], vit.parameterCount(), String.valueOf(archs[i]));
    }
    // the Human-Art configs' mmcls.VisionTransformer large / huge: MMPretrain's count + 2 * embed_dims
    var large = new io.posekit.tfmodels.models.backbones.mmcls.VisionTransformer("large", Tuple.of(256, 192), 16, 3,
        -1, 0.0, 0.5, true, LN6, true, false, false, -1, false, "bicubic", Map.of("padding", 2), Map.of(), null);
    assertEquals(303_295_488L + 2 * 1024, large.parameterCount());
  }

  static SwinTransformer swin(Object pretrain, int embed, int[] depths, int[] heads, int[] strides, int window,
      int[] outIndices, boolean absPos) {
    return new SwinTransformer(pretrain, 3, embed, 4, window, 4, depths, heads, strides, outIndices, true, null, true,
        0.0, 0.0, 0.3, absPos, Map.of("type", "GELU"), Map.of("type", "LN"), false, false, -1, null);
  }

  @Test
  void swinWithPaddedShiftedWindowsAndAbsolutePositionsGivesMmposeHeatmaps() throws IOException {
    var swin = swin(Tuple.of(H, W), 8, new int[] {2, 2, 2}, new int[] {1, 2, 2}, new int[] {4, 2, 2}, 5, new int[] {2},
        true);
    assertEquals(referenceCount("swin_tiny.params.txt"), swin.parameterCount());
    assertHeatmaps(swin, 32, "swin_tiny.pth", "swin_tiny.heatmaps.f32");
  }

  @Test
  void swinConfigsHaveMmposeParameterCounts() {
    // td-hm_swin-{t,b,l}-p4-w7 at 256x192 and swin-b at 384x288 (window 12): MMPose's counts
    int[] t = {2, 2, 6, 2};
    int[] deep = {2, 2, 18, 2};
    int[] strides = {4, 2, 2, 2};
    int[] last = {3};
    assertEquals(27_519_354L, swin(224, 96, t, new int[] {3, 6, 12, 24}, strides, 7, last, false).parameterCount());
    assertEquals(86_743_224L, swin(224, 128, deep, new int[] {4, 8, 16, 32}, strides, 7, last, false).parameterCount());
    assertEquals(86_878_584L, swin(224, 128, deep, new int[] {4, 8, 16, 32}, strides, 12, last, false).parameterCount());
    assertEquals(194_995_476L, swin(224, 192, deep, new int[] {6, 12, 24, 48}, strides, 7, last, false).parameterCount());
  }

  @Test
  void badArgumentsNameTheirKey() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer("gigantic", 224, 16, 3, -1, 0.0, 0.0,
            true, LN6, true, "featmap", false, -1, "bicubic", 0.0, Map.of(), Map.of(), false, null));
    assertTrue(e.getMessage().startsWith("VisionTransformer.arch: arch 'gigantic' is not in default archs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer("base", 224, 16, 3, -1, 0.0, 0.0,
            true, LN6, true, "featmap", false, -1, "bicubic", 0.0, Map.of("paddding", 2), Map.of(), false, null));
    assertTrue(e.getMessage().startsWith("VisionTransformer.patch_cfg.paddding: unknown key"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer("base", 224, 16, 3, -1, 0.0, 0.0,
            true, LN6, true, "cls_token", false, -1, "bicubic", 0.0, Map.of(), Map.of(), false, null));
    assertTrue(e.getMessage().contains("with_cls_token must be True"), e.getMessage());
  }
}
