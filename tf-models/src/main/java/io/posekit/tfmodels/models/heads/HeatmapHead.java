package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.BatchNorm2d;
import io.posekit.tfmodels.nn.Conv2d;
import io.posekit.tfmodels.nn.ConvTranspose2d;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Initializer;
import io.posekit.tfmodels.nn.Layer;
import io.posekit.tfmodels.nn.ReLU;
import io.posekit.tfmodels.nn.Sequential;
import io.posekit.tfmodels.weights.InitCfg;
import io.posekit.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's top-down {@code HeatmapHead}: deconvolution + BN + ReLU layers, optional conv + BN +
 * ReLU layers, then a convolution to one heatmap per keypoint, on the last backbone feature.
 */
@RegisterModule(registry = Registries.MODELS)
public final class HeatmapHead implements Head {
  private final int inChannels;
  private final int outChannels;
  private final Sequential deconvLayers;
  private final Sequential convLayers;
  private final Conv2d finalLayer;
  private final Loss loss;
  private final Optional<KeypointCodec> decoder;
  private final List<InitCfg> initCfg;

  public HeatmapHead(
      int inChannels,
      int outChannels,
      @Param(defaultValue = "(256, 256, 256)") @Nullable int[] deconvOutChannels,
      @Param(defaultValue = "(4, 4, 4)") @Nullable int[] deconvKernelSizes,
      @Param(defaultValue = "None") @Nullable int[] convOutChannels,
      @Param(defaultValue = "None") @Nullable int[] convKernelSizes,
      @Param(defaultValue = "dict(kernel_size=1)") @Nullable FinalLayer finalLayer,
      @Param(defaultValue = "dict(type='KeypointMSELoss', use_target_weight=True)") Loss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    this(inChannels, outChannels, deconvOutChannels, deconvKernelSizes, null, convOutChannels, convKernelSizes,
        finalLayer, loss, decoder, initCfg, "HeatmapHead");
  }

  /** With {@code deconvNumGroups} (ViPNASHead's grouped deconvolutions; null: one group each). */
  HeatmapHead(int inChannels, int outChannels, @Nullable int[] deconvOutChannels, @Nullable int[] deconvKernelSizes,
      @Nullable int[] deconvNumGroups, @Nullable int[] convOutChannels, @Nullable int[] convKernelSizes,
      @Nullable FinalLayer finalLayer, Loss loss, Optional<KeypointCodec> decoder, @Nullable Object initCfg, String name) {
    this.initCfg = InitCfg.parse(initCfg, name + ".init_cfg");
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    // MMCV's normal_init(std=0.001) for (de)convolutions, as HeatmapHead's default init_cfg
    Initializer small = Initializer.normal(0.001);
    int in = inChannels;
    List<Layer> deconvs = new ArrayList<>();
    if (deconvOutChannels != null && deconvOutChannels.length > 0) {
      if (deconvKernelSizes == null || deconvKernelSizes.length != deconvOutChannels.length) {
        throw new IllegalArgumentException("deconv_out_channels and deconv_kernel_sizes need the same length");
      }
      if (deconvNumGroups != null && deconvNumGroups.length != deconvOutChannels.length) {
        throw new IllegalArgumentException("deconv_out_channels and deconv_num_groups need the same length");
      }
      for (int i = 0; i < deconvOutChannels.length; i++) {
        int k = deconvKernelSizes[i];
        int[] po = switch (k) {
          case 4 -> new int[] {1, 0};
          case 3 -> new int[] {1, 1};
          case 2 -> new int[] {0, 0};
          default -> throw new IllegalArgumentException("unsupported deconv kernel size " + k + " (use 2, 3 or 4)");
        };
        int groups = deconvNumGroups == null ? 1 : deconvNumGroups[i];
        deconvs.add(new ConvTranspose2d(in, deconvOutChannels[i], k, 2, po[0], po[1], groups, false, small));
        deconvs.add(new BatchNorm2d(deconvOutChannels[i]));
        deconvs.add(new ReLU());
        in = deconvOutChannels[i];
      }
    }
    this.deconvLayers = new Sequential(deconvs);
    List<Layer> convs = new ArrayList<>();
    if (convOutChannels != null && convOutChannels.length > 0) {
      if (convKernelSizes == null || convKernelSizes.length != convOutChannels.length) {
        throw new IllegalArgumentException("conv_out_channels and conv_kernel_sizes need the same length");
      }
      for (int i = 0; i < convOutChannels.length; i++) {
        int k = convKernelSizes[i];
        convs.add(new Conv2d(in, convOutChannels[i], k, 1, (k - 1) / 2, 1, true, small, Initializer.constant(0f)));
        convs.add(new BatchNorm2d(convOutChannels[i]));
        convs.add(new ReLU());
        in = convOutChannels[i];
      }
    }
    this.convLayers = new Sequential(convs);
    this.finalLayer = finalLayer == null ? null
        : new Conv2d(in, outChannels, finalLayer.kernelSize(), 1, finalLayer.padding(), 1, true, small, Initializer.constant(0f));
    this.loss = loss;
    this.decoder = decoder;
  }

  @Override
  public List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats) {
    Operand<TFloat32> x = feats.get(feats.size() - 1);
    x = deconvLayers.apply(ctx.child("deconv_layers"), x);
    x = convLayers.apply(ctx.child("conv_layers"), x);
    return List.of(finalLayer == null ? x : finalLayer.apply(ctx.child("final_layer"), x));
  }

  /** The loss module on the NHWC heatmaps against the codec's (K, H, W) targets, weighted per keypoint. */
  @Override
  public Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    return heatmapLoss(ctx.tf(), loss, outputs.get(0), targets);
  }

  /** A heatmap head's {@code loss_module(heatmaps, gt_heatmaps, keypoint_weights)}. */
  static Operand<TFloat32> heatmapLoss(Ops tf, Loss loss, Operand<TFloat32> heatmaps, TargetInputs targets) {
    Shape s = heatmaps.shape();
    Operand<TFloat32> gt = targets.get(EncodedTargets.HEATMAPS, Shape.of(s.size(0), s.size(3), s.size(1), s.size(2)));
    Operand<TFloat32> weights = targets.get(EncodedTargets.KEYPOINT_WEIGHTS, Shape.of(s.size(0), s.size(3)));
    return loss.compute(tf, heatmaps, tf.linalg.transpose(gt, tf.constant(new int[] {0, 2, 3, 1})), weights);
  }

  @Override
  public List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg) {
    return List.of(Flip.heatmaps(tf, flipped.get(0), flipIndices, testCfg.shiftHeatmap()));
  }

  /** NHWC to the codec's (K, H, W) per sample. */
  @Override
  public List<Operand<TFloat32>> toCodecLayout(Ops tf, List<Operand<TFloat32>> outputs) {
    return List.of(tf.linalg.transpose(outputs.get(0), tf.constant(new int[] {0, 3, 1, 2})));
  }

  @Override
  public long parameterCount() {
    return deconvLayers.parameterCount() + convLayers.parameterCount() + (finalLayer == null ? 0 : finalLayer.parameterCount());
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
  public List<InitCfg> initCfg() {
    return initCfg;
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }
}
