package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.Param;

/** HeatmapHead's {@code final_layer} dict: the last convolution's kernel size and padding. */
public record FinalLayer(@Param(defaultValue = "1") int kernelSize, @Param(defaultValue = "0") int padding) {}
