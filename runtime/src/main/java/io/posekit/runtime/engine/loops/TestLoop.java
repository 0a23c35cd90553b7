package io.posekit.runtime.engine.loops;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Loop;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.engine.model.DataSource;
import io.posekit.runtime.engine.model.Evaluator;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code TestLoop}: one pass over the test data in eval mode, then the evaluator's
 * metrics. {@code fp16=True} tests under autocast; the runner builds the model in that precision
 * before the loop exists, from this loop's config.
 */
@RegisterModule(registry = Registries.LOOPS)
public final class TestLoop implements Loop {
  private final Runner runner;
  private final boolean fp16;

  public TestLoop(@Provided("runner") Runner runner, @Param(defaultValue = "False") boolean fp16) {
    this.runner = runner;
    this.fp16 = fp16;
  }

  public boolean fp16() {
    return fp16;
  }

  @Override
  public void run() {
    runner.callHook(h -> h.beforeTest(runner));
    runner.callHook(h -> h.beforeTestEpoch(runner));
    runner.model().setTraining(false);
    DataSource<Object> data = runner.testData();
    Evaluator<Object> evaluator = runner.testEvaluator();
    for (int idx = 0; idx < data.length(); idx++) {
      int batchIdx = idx;
      Object batch = data.batch(idx);
      runner.callHook(h -> h.beforeTestIter(runner, batchIdx, batch));
      List<?> outputs = runner.model().testStep(batch);
      evaluator.process(batch, outputs);
      runner.callHook(h -> h.afterTestIter(runner, batchIdx, batch, outputs));
    }
    Map<String, Double> metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evaluator.evaluate(data.length() * data.batchSize())));
    runner.messageHub().updateInfo("last_metrics", metrics);
    runner.callHook(h -> h.afterTestEpoch(runner, metrics));
    runner.callHook(h -> h.afterTest(runner));
  }
}
