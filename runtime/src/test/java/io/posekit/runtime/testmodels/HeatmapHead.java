package io.posekit.runtime.testmodels;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.Optional;

/** Top-down heatmap head: deconvolutions, then a 1x1 conv to one heatmap per keypoint. */
@RegisterModule(registry = Registries.MODELS)
public final class HeatmapHead implements Head {
  private final int inChannels;
  private final int outChannels;
  private final int[] deconvOutChannels;
  private final int[] deconvKernelSizes;
  private final Loss loss;
  private final Optional<KeypointCodec> decoder;

  public HeatmapHead(
      int inChannels,
      int outChannels,
      @Param(defaultValue = "(256, 256, 256)") int[] deconvOutChannels,
      @Param(defaultValue = "(4, 4, 4)") int[] deconvKernelSizes,
      @Param(defaultValue = "dict(type='KeypointMSELoss', use_target_weight=True)") Loss loss,
      @Param(defaultValue = "None") Optional<KeypointCodec> decoder) {
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.deconvOutChannels = deconvOutChannels.clone();
    this.deconvKernelSizes = deconvKernelSizes.clone();
    this.loss = loss;
    this.decoder = decoder;
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }

  public int[] deconvOutChannels() {
    return deconvOutChannels.clone();
  }

  public int[] deconvKernelSizes() {
    return deconvKernelSizes.clone();
  }

  public Loss loss() {
    return loss;
  }

  public Optional<KeypointCodec> decoder() {
    return decoder;
  }
}
