package io.posekit.runtime.pose;

import io.posekit.runtime.engine.dist.DistContext;
import io.posekit.runtime.engine.model.Evaluator;
import io.posekit.tfmodels.evaluation.Metric;
import io.posekit.tfmodels.structures.PoseDataSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMEngine's {@code Evaluator} over MMPose metrics: every batch's predicted data samples go to each
 * metric. In a data-parallel run each rank keeps its samples until {@link #evaluate}, when they are
 * gathered from every rank in the data set's order ({@link CollectResults}) and every rank computes
 * the same metrics over the whole data set.
 */
public final class MetricEvaluator implements Evaluator<PoseBatch> {
  private final List<Metric> metrics;
  private final DistContext dist;
  private final int datasetSize;
  private final List<PoseDataSample> kept = new ArrayList<>();

  public MetricEvaluator(List<Metric> metrics) {
    this(metrics, DistContext.SINGLE, -1);
  }

  /** Over {@code dist}'s ranks, each evaluating its share of a data set of {@code datasetSize} samples. */
  public MetricEvaluator(List<Metric> metrics, DistContext dist, int datasetSize) {
    this.dist = dist;
    this.datasetSize = datasetSize;
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
    if (dist.isDistributed()) {
      kept.addAll(samples);
    } else {
      metrics.forEach(m -> m.process(samples));
    }
  }

  /** {@code size} counts padded batch slots; the metrics count the samples they were given. */
  @Override
  public Map<String, Double> evaluate(int size) {
    if (dist.isDistributed()) {
      List<PoseDataSample> all = CollectResults.collect(dist, List.copyOf(kept), datasetSize);
      kept.clear();
      metrics.forEach(m -> m.process(all));
    }
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
