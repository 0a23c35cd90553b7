package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;

/**
 * MMEngine's {@code DistSamplerSeedHook}: tells the train sampler the epoch before it starts, so
 * the shuffle depends on (seed, epoch) only and a resumed run replays the same order.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class DistSamplerSeedHook implements Hook {
  public DistSamplerSeedHook() {}

  @Override
  public void beforeTrainEpoch(Runner runner) {
    runner.trainData().setEpoch(runner.epoch());
  }
}
