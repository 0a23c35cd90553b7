package io.posekit.tfmodels.models.backbones.mmcls;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MMClassification 1.x's {@code VisionTransformer}, as ViTPose's Human-Art configs name it
 * ({@code mmcls.VisionTransformer}). The encoder is MMPretrain's; what differs is that
 * {@code cls_token} and its position slot always exist (and count as parameters), that
 * {@code with_cls_token=False} drops the token after the position embedding, and the output
 * switches {@code avg_token} (the {@code ln2} of the mean patch token) and
 * {@code output_cls_token}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class VisionTransformer extends io.posekit.tfmodels.models.backbones.mmpretrain.VisionTransformer {
  private static final Map<String, int[]> ARCH_ZOO = archZoo();

  public VisionTransformer(
      @Param(defaultValue = "'base'") Object arch,
      @Param(defaultValue = "224") Object imgSize,
      @Param(defaultValue = "16") Object patchSize,
      @Param(defaultValue = "3") int inChannels,
      @Param(defaultValue = "-1") Object outIndices,
      @Param(defaultValue = "0.0") double dropRate,
      @Param(defaultValue = "0.0") double dropPathRate,
      @Param(defaultValue = "True") boolean qkvBias,
      @Param(defaultValue = "dict(type='LN', eps=1e-6)") Map<String, Object> normCfg,
      @Param(defaultValue = "True") boolean finalNorm,
      @Param(defaultValue = "True") boolean withClsToken,
      @Param(defaultValue = "False") boolean avgToken,
      @Param(defaultValue = "-1") int frozenStages,
      @Param(defaultValue = "True") boolean outputClsToken,
      @Param(defaultValue = "'bicubic'") String interpolateMode,
      @Param(defaultValue = "dict()") Map<String, Object> patchCfg,
      @Param(defaultValue = "dict()") Object layerCfgs,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    super(archSettings(arch, ARCH_ZOO, "mmcls.VisionTransformer.arch"), imgSize, patchSize, inChannels, outIndices,
        dropRate, dropPathRate, qkvBias, normCfg, finalNorm, outType(withClsToken, avgToken, outputClsToken), true,
        withClsToken, frozenStages, interpolateMode, 0.0, patchCfg, layerCfgs, false, initCfg, "mmcls.VisionTransformer");
  }

  private static String outType(boolean withClsToken, boolean avgToken, boolean outputClsToken) {
    if (outputClsToken && !withClsToken) {
      throw new IllegalArgumentException("mmcls.VisionTransformer: with_cls_token must be True if output_cls_token is True");
    }
    if (outputClsToken) {
      throw new IllegalArgumentException("mmcls.VisionTransformer.output_cls_token: True gives [patch_token, cls_token]"
          + " pairs, which no MMPose neck or head takes; set output_cls_token=False as ViTPose's configs do");
    }
    return avgToken ? "avg_featmap" : "featmap";
  }

  private static Map<String, int[]> archZoo() {
    Map<String, int[]> zoo = new LinkedHashMap<>();
    put(zoo, new int[] {768, 8, 8, 768 * 3}, "s", "small");
    put(zoo, new int[] {768, 12, 12, 3072}, "b", "base");
    put(zoo, new int[] {1024, 24, 16, 4096}, "l", "large");
    put(zoo, new int[] {1280, 32, 16, 5120}, "h", "huge");
    put(zoo, new int[] {192, 12, 3, 192 * 4}, "deit-t", "deit-tiny");
    put(zoo, new int[] {384, 12, 6, 384 * 4}, "deit-s", "deit-small");
    put(zoo, new int[] {768, 12, 12, 768 * 4}, "deit-b", "deit-base");
    return Map.copyOf(zoo);
  }
}
