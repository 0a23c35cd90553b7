package io.posekit.tfmodels.evaluation;

import io.posekit.tfmodels.structures.PoseDataSample;
import java.util.List;
import java.util.Map;

/**
 * An evaluation metric in MMEngine's style: {@link #process} is fed every batch of predictions,
 * {@link #computeMetrics} turns what was collected into named values (keys carry the prefix,
 * {@code coco/AP}) and starts a new round.
 */
public interface Metric {
  void process(List<PoseDataSample> dataSamples);

  Map<String, Double> computeMetrics();
}
