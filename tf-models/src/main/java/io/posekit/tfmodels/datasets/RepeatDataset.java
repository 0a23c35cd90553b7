package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/**
 * MMEngine's {@code RepeatDataset}: {@code dataset} {@code times} over, so an epoch is
 * {@code times} passes over it (sample i is sample {@code i % len(dataset)}).
 */
@RegisterModule(registry = Registries.DATASETS, scope = "mmengine")
public final class RepeatDataset implements PoseDataset {
  private final PoseDataset dataset;
  private final int times;

  public RepeatDataset(PoseDataset dataset, int times, @Param(defaultValue = "False") boolean lazyInit) {
    if (times < 1) {
      throw new IllegalArgumentException("RepeatDataset: times must be at least 1, got " + times);
    }
    this.dataset = dataset;
    this.times = times;
  }

  @Override
  public int size() {
    return times * dataset.size();
  }

  @Override
  public PoseSample get(int idx, RandomGenerator rng) {
    return dataset.get(idx % dataset.size(), rng);
  }

  @Override
  public DatasetMeta metainfo() {
    return dataset.metainfo();
  }

  @Override
  public String describe(int idx) {
    int n = dataset.size();
    return n == 0 ? "sample " + idx : dataset.describe(idx % n) + " (repeat " + idx / n + " of " + times + ")";
  }
}
