package io.posekit.runtime.pose;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.tfmodels.datasets.PoseDataset;
import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mmdet's {@code PipelineSwitchHook}: before the first training epoch numbered
 * {@code switch_epoch} or later, the training data set takes {@code switch_pipeline} (RTMPose's
 * milder second stage). "Or later" makes a run resumed past the switch epoch switch at once. The
 * loader's workers are threads sharing the data set, so they take the new pipeline from their next
 * sample without the restart of worker processes mmdet forces.
 */
@RegisterModule(registry = Registries.HOOKS, scope = "mmdet")
public final class PipelineSwitchHook implements Hook {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineSwitchHook.class);

  private final int switchEpoch;
  private final List<Transform> switchPipeline;
  private boolean hasSwitched;

  public PipelineSwitchHook(int switchEpoch, List<Transform> switchPipeline) {
    this.switchEpoch = switchEpoch;
    this.switchPipeline = List.copyOf(switchPipeline);
  }

  @Override
  public void beforeTrainEpoch(Runner runner) {
    Object data = runner.trainData();
    if (!(data instanceof PoseDataSource source)) {
      throw new IllegalStateException("mmdet.PipelineSwitchHook needs a pose train_dataloader, got "
          + data.getClass().getSimpleName());
    }
    switchIfDue(runner.epoch(), source.loader().dataset());
  }

  /** Switches {@code dataset} once, at the first epoch {@code >= switch_epoch}; true when it did now. */
  boolean switchIfDue(int epoch, PoseDataset dataset) {
    if (epoch < switchEpoch || hasSwitched) {
      return false;
    }
    LOG.info("Switch pipeline now!");
    dataset.setPipeline(switchPipeline);
    hasSwitched = true;
    return true;
  }
}
