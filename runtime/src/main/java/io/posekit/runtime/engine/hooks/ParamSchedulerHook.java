package io.posekit.runtime.engine.hooks;

import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Priority;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.schedulers.ParamScheduler;
import java.util.Map;

/** MMEngine's {@code ParamSchedulerHook}: steps iteration-based schedulers after every iteration, epoch-based ones after every epoch. */
@RegisterModule(registry = Registries.HOOKS)
public final class ParamSchedulerHook implements Hook {
  public ParamSchedulerHook() {}

  @Override
  public Priority priority() {
    return Priority.LOW;
  }

  @Override
  public void afterTrainIter(Runner runner, int batchIdx, Object batch, Map<String, Double> outputs) {
    for (ParamScheduler s : runner.paramSchedulers()) {
      if (!s.byEpoch()) {
        s.step();
      }
    }
  }

  @Override
  public void afterTrainEpoch(Runner runner) {
    for (ParamScheduler s : runner.paramSchedulers()) {
      if (s.byEpoch()) {
        s.step();
      }
    }
  }
}
