package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Param;

/** {@code data_prefix=dict(img='train2017/')}: where the images are, relative to {@code data_root}. */
public record DataPrefix(@Param(defaultValue = "''") String img) {}
