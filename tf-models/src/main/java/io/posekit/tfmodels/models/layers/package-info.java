/**
 * The building blocks MMPose's backbones compose, one each (timm's {@code layers}): MMCV's
 * {@code ConvModule} with its norm and activation configs, {@code DropPath}, ... Every backbone
 * builds from these; none keeps its own copy.
 */
package io.posekit.tfmodels.models.layers;
