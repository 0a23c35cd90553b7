package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.codecs.KeypointCodec;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.weights.InitCfg;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code ViPNASHead}: a {@link HeatmapHead} whose deconvolutions are grouped
 * ({@code deconv_num_groups}, depthwise when the groups equal the channels), with ViPNAS's
 * narrower defaults; the same state-dict keys as HeatmapHead.
 */
@RegisterModule(registry = Registries.MODELS)
public final class ViPNASHead implements Head {
  private final HeatmapHead head;

  public ViPNASHead(
      int inChannels,
      int outChannels,
      @Param(defaultValue = "(144, 144, 144)") @Nullable int[] deconvOutChannels,
      @Param(defaultValue = "(4, 4, 4)") @Nullable int[] deconvKernelSizes,
      @Param(defaultValue = "(16, 16, 16)") @Nullable int[] deconvNumGroups,
      @Param(defaultValue = "None") @Nullable int[] convOutChannels,
      @Param(defaultValue = "None") @Nullable int[] convKernelSizes,
      @Param(defaultValue = "dict(kernel_size=1)") @Nullable FinalLayer finalLayer,
      @Param(defaultValue = "dict(type='KeypointMSELoss', use_target_weight=True)") Loss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder,
      @Param(defaultValue = "None") @Nullable Object initCfg) {
    if (deconvOutChannels != null && deconvOutChannels.length > 0 && deconvNumGroups == null) {
      throw new IllegalArgumentException("ViPNASHead.deconv_num_groups is needed with deconv_out_channels");
    }
    this.head = new HeatmapHead(inChannels, outChannels, deconvOutChannels, deconvKernelSizes, deconvNumGroups,
        convOutChannels, convKernelSizes, finalLayer, loss, decoder, initCfg, "ViPNASHead");
  }

  @Override
  public List<Operand<TFloat32>> forward(GraphContext ctx, List<Operand<TFloat32>> feats) {
    return head.forward(ctx, feats);
  }

  @Override
  public Operand<TFloat32> loss(GraphContext ctx, List<Operand<TFloat32>> outputs, TargetInputs targets) {
    return head.loss(ctx, outputs, targets);
  }

  @Override
  public List<Operand<TFloat32>> flipBack(Ops tf, List<Operand<TFloat32>> flipped, int[] flipIndices, TestCfg testCfg) {
    return head.flipBack(tf, flipped, flipIndices, testCfg);
  }

  @Override
  public List<Operand<TFloat32>> toCodecLayout(Ops tf, List<Operand<TFloat32>> outputs) {
    return head.toCodecLayout(tf, outputs);
  }

  @Override
  public Loss loss() {
    return head.loss();
  }

  @Override
  public Optional<KeypointCodec> decoder() {
    return head.decoder();
  }

  @Override
  public long parameterCount() {
    return head.parameterCount();
  }

  @Override
  public List<InitCfg> initCfg() {
    return head.initCfg();
  }
}
