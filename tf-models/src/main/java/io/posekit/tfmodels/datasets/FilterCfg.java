package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Param;
import io.posekit.annotations.Nullable;

/** {@code filter_cfg=dict(bbox_score_thr=...)}: drops top-down samples whose box score is below the threshold. */
public record FilterCfg(@Param(defaultValue = "None") @Nullable Double bboxScoreThr) {}
