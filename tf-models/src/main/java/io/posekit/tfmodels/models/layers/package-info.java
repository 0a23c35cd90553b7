/**
 * Building blocks the backbones compose (timm's {@code layers}): one class per block, named as
 * MMCV / MMPretrain name them, so every backbone shares one attention, one FFN, one patch embedding.
 */
package io.posekit.tfmodels.models.layers;
