package io.posekit.runtime.engine.optim;

import io.posekit.annotations.Param;

/**
 * {@code auto_scale_lr=dict(base_batch_size=..., enable=...)}: MMEngine's {@code Runner.scale_lr}
 * multiplies every group's lr by {@code real_batch / base_batch_size} (real batch = world size ×
 * per-process batch; one process here). It must run before the schedulers record
 * {@code initial_lr}.
 */
public record AutoScaleLr(
    int baseBatchSize, @Param(defaultValue = "False") boolean enable) {
  public AutoScaleLr {
    if (baseBatchSize <= 0) {
      throw new IllegalArgumentException("auto_scale_lr.base_batch_size must be > 0, got " + baseBatchSize);
    }
  }

  /** Scales in place when enabled; returns the ratio applied (1 when disabled). */
  public double apply(OptimWrapper optimWrapper, int batchSize, int worldSize) {
    if (!enable) {
      return 1.0;
    }
    double ratio = (double) (worldSize * batchSize) / baseBatchSize;
    for (ParamGroup group : optimWrapper.paramGroups()) {
      if (group.has("initial_lr")) {
        throw new IllegalStateException(
            "auto_scale_lr must be applied before the param schedulers are built: they already"
                + " recorded initial_lr=" + group.get("initial_lr"));
      }
      group.set("lr", group.get("lr") * ratio);
    }
    return ratio;
  }
}
