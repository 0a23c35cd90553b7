package io.posekit.runtime.engine.loops;

import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Loop;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.model.DataSource;
import io.posekit.runtime.engine.model.Evaluator;
import java.util.List;
import java.util.Map;

/** MMEngine's {@code ValLoop}: one pass over the val data in eval mode, then the evaluator's metrics. */
@RegisterModule(registry = Registries.LOOPS)
public final class ValLoop implements Loop {
  private final Runner runner;

  public ValLoop(@Provided("runner") Runner runner) {
    this.runner = runner;
  }

  @Override
  public void run() {
    runner.callHook(h -> h.beforeVal(runner));
    runner.callHook(h -> h.beforeValEpoch(runner));
    runner.model().setTraining(false);
    DataSource<Object> data = runner.valData();
    Evaluator<Object> evaluator = runner.valEvaluator();
    for (int idx = 0; idx < data.length(); idx++) {
      int batchIdx = idx;
      Object batch = data.batch(idx);
      runner.callHook(h -> h.beforeValIter(runner, batchIdx, batch));
      List<?> outputs = runner.model().valStep(batch);
      evaluator.process(batch, outputs);
      runner.callHook(h -> h.afterValIter(runner, batchIdx, batch, outputs));
    }
    Map<String, Double> metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evaluator.evaluate(data.length() * data.batchSize())));
    runner.messageHub().updateInfo("last_metrics", metrics);
    runner.callHook(h -> h.afterValEpoch(runner, metrics));
    runner.callHook(h -> h.afterVal(runner));
  }
}
