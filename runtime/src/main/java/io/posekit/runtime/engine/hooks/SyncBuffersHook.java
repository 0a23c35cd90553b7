package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;

/**
 * MMEngine's {@code SyncBuffersHook}: after each training epoch, averages the model's buffers (BN
 * running statistics) across the processes of a distributed run. PoseKit trains in one process,
 * where MMEngine's hook does nothing either (it acts only when {@code world_size > 1}); it is
 * registered so that MMPose configs naming it load and run unchanged.
 */
@RegisterModule(registry = Registries.HOOKS)
public final class SyncBuffersHook implements Hook {
  public SyncBuffersHook() {}
}
