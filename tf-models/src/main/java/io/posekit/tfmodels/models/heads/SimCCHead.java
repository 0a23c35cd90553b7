package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Linear;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code SimCCHead} (the {@code simcc} configs): with deconvolutions, a
 * {@link HeatmapHead} ({@code deconv_head}, {@code deconv_type='heatmap'}) making one map per
 * keypoint at {@code in_featuremap_size * 2^n}; without, the {@code final_layer} convolution (or
 * none) on the last feature map; each map flattened and two linear layers with bias to the SimCC
 * bins ({@code mlp_head_x}, {@code mlp_head_y}). Loss and flip test as {@link RTMCCHead}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class SimCCHead implements Head {
  @Nullable private final HeatmapHead deconvHead;
  @Nullable private final Conv2d finalLayer;
  private final Linear mlpHeadX;
  private final Linear mlpHeadY;
  private final Loss loss;
  private final Optional<KeypointCodec> decoder;
  private final List<InitCfg> initCfg;

  public SimCCHead(
      int inChannels,
      int outChannels,
      int[] inputSize,
      int[] inFeaturemapSize,
      @Param(defaultValue = "2.0") double simccSplitRatio,
      @Param(defaultValue = "'heatmap'") String deconvType,
      @Param(defaultValue = "(256, 256, 256)") int @Nullable [] deconvOutChannels,
      @Param(defaultValue = "(4, 4, 4)") int @Nullable [] deconvKernelSizes,
      @Param(defaultValue = "(16, 16, 16)") int @Nullable [] deconvNumGroups,
      @Param(defaultValue = "None") int @Nullable [] convOutChannels,
      @Param(defaultValue = "None") int @Nullable [] convKernelSizes,
      @Param(defaultValue = "dict(kernel_size=1)") @Nullable FinalLayer finalLayer,
      @Param(defaultValue = "dict(type='KLDiscretLoss', use_target_weight=True)") Loss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    if (!deconvType.equals("heatmap")) {
      throw new IllegalArgumentException("SimCCHead.deconv_type: '" + deconvType + "' is not built here"
          + (deconvType.equals("vipnas") ? " (ViPNASHead)" : " (MMPose takes 'heatmap' or 'vipnas')"));
    }
    this.initCfg = InitCfg.parse(initCfg != null ? initCfg : List.of(
        Map.of("type", "Normal", "layer", List.of("Conv2d", "ConvTranspose2d"), "std", 0.001),
        Map.of("type", "Constant", "layer", "BatchNorm2d", "val", 1),
        Map.of("type", "Normal", "layer", List.of("Linear"), "std", 0.01, "bias", 0)), "SimCCHead.init_cfg");
    int deconvs = deconvOutChannels == null ? 0 : deconvOutChannels.length;
    int h = inFeaturemapSize[1];
    int w = inFeaturemapSize[0];
    if (deconvs > 0) {
      this.deconvHead = new HeatmapHead(inChannels, outChannels, deconvOutChannels, deconvKernelSizes, convOutChannels,
          convKernelSizes, finalLayer, new KeypointMSELoss(true, false, 1.0), Optional.empty(), null);
      this.finalLayer = null;
      h <<= deconvs;
      w <<= deconvs;
    } else {
      this.deconvHead = null;
      this.finalLayer = finalLayer == null ? null
          : new Conv2d(inChannels, outChannels, finalLayer.kernelSize(), 1, finalLayer.padding(), 1, true,
              Initializer.normal(0.001), Initializer.constant(0f));
    }
    int flatten = h * w;
    Initializer linear = Initializer.normal(0.01);
    this.mlpHeadX = new Linear(flatten, (int) (inputSize[0] * simccSplitRatio), true, linear, Initializer.constant(0f));
    this.mlpHeadY = new Linear(flatten, (int) (inputSize[1] * simccSplitRatio), true, linear, Initializer.constant(0f));
    this.loss = loss;
    this.decoder = decoder;
  }

  @Override
  public List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats) {
    Operand<TFloat32> maps;
    if (deconvHead != null) {
      maps = deconvHead.forward(ctx.child("deconv_head"), feats).get(0);
    } else {
      maps = feats.get(feats.size() - 1);
      if (finalLayer != null) {
        maps = finalLayer.apply(ctx.child("final_layer"), maps);
      }
    }
    Operand<TFloat32> x = RTMCCHead.flattenMaps(ctx.tf(), maps);
    return List.of(mlpHeadX.apply(ctx.child("mlp_head_x"), x), mlpHeadY.apply(ctx.child("mlp_head_y"), x));
  }

  @Override
  public Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    return RTMCCHead.simccLoss(ctx.tf(), loss, outputs, targets);
  }

  @Override
  public List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg) {
    return Flip.vectors(tf, flipped.get(0), flipped.get(1), flipIndices);
  }

  @Override
  public Loss loss() {
    return loss;
  }

  @Override
  public Optional<KeypointCodec> decoder() {
    return decoder;
  }

  @Override
  public long parameterCount() {
    return (deconvHead != null ? deconvHead.parameterCount() : finalLayer != null ? finalLayer.parameterCount() : 0)
        + mlpHeadX.parameterCount() + mlpHeadY.parameterCount();
  }

  @Override
  public List<InitCfg> initCfg() {
    return initCfg;
  }
}
