package io.posekit.runtime.pose;

import io.posekit.runtime.engine.model.Evaluator;
import io.posekit.tfmodels.evaluation.Metric;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MMEngine's {@code Evaluator} over MMPose metrics: every batch's predicted data samples go to each metric. */
public final class MetricEvaluator implements Evaluator<PoseBatch> {
  private final List<Metric> metrics;

  public MetricEvaluator(List<Metric> metrics) {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("an evaluator needs at least one metric");
    }
    this.metrics = List.copyOf(metrics);
  }

  @Override
  public void process(PoseBatch batch, List<?> predictions) {
    List<PoseDataSample> samples = new ArrayList<>();
    for (Object p : predictions) {
      samples.add((PoseDataSample) p);
    }
    metrics.forEach(m -> m.process(samples));
  }

  /** {@code size} counts padded batch slots; the metrics count the samples they were given. */
  @Override
  public Map<String, Double> evaluate(int size) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : metrics) {
      m.computeMetrics().forEach((k, v) -> {
        if (out.put(k, v) != null) {
          throw new IllegalStateException("two metrics report '" + k + "'; give them different prefixes");
        }
      });
    }
    return out;
  }
}
