package io.posekit.runtime.engine.randomness;

import io.posekit.annotations.Param;
import io.posekit.annotations.Nullable;

/**
 * {@code randomness=dict(seed=..., diff_rank_seed=..., deterministic=...)} as MMEngine's runner
 * reads it. Without a seed one is drawn and recorded in the checkpoint.
 */
public record RandomnessCfg(
    @Param(defaultValue = "None") @Nullable Long seed,
    @Param(defaultValue = "False") boolean diffRankSeed,
    @Param(defaultValue = "False") boolean deterministic) {}
