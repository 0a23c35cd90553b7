package io.posekit.tfmodels.transforms;

import io.posekit.tfmodels.structures.PoseSample;
import java.util.random.RandomGenerator;
import io.posekit.annotations.Nullable;

/**
 * One step of a data pipeline, MMCV's {@code BaseTransform}. Random transforms draw only from the
 * generator passed in, so a seeded generator reproduces a pipeline run exactly.
 */
public interface Transform {
  /** Updates the sample (in place or as a new one) and returns it, or null to drop the sample. */
  @Nullable PoseSample transform(PoseSample results, RandomGenerator rng);
}
