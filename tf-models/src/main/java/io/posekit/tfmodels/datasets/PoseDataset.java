package io.posekit.tfmodels.datasets;

import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;

/** A data set of pose samples run through its pipeline, MMEngine's {@code BaseDataset} as the loop sees it. */
public interface PoseDataset {
  int size();

  /** The sample at {@code idx} after the pipeline; random steps draw from {@code rng}. */
  PoseSample get(int idx, RandomGenerator rng);

  DatasetMeta metainfo();

  /**
   * Replaces the pipeline every sample goes through from now on, as mmdet's
   * {@code PipelineSwitchHook} assigns {@code dataset.pipeline}; loader threads see the new one
   * from their next sample on.
   */
  default void setPipeline(List<Transform> pipeline) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no pipeline of its own to switch");
  }

  /**
   * A hint that sample {@code idx} is loaded soon: its image starts coming from a remote backend
   * while earlier samples go through the pipeline (the data loader calls it as it queues samples).
   */
  default void prefetch(int idx) {}

  /** What names sample {@code idx} in an error message: at least its index, ideally its image file. */
  default String describe(int idx) {
    return "sample " + idx;
  }
}
