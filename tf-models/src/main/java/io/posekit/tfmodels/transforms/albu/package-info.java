/**
 * Albumentations' pixel-level transforms that MMPose's {@code Albumentation} step builds (the
 * albumentations 1.3 API RTMPose's configs are written against). They form their own registry,
 * {@code ALBUMENTATIONS}, so they are found only inside an {@code Albumentation} step.
 */
@ModuleScope("mmpose")
package io.posekit.tfmodels.transforms.albu;

import io.posekit.annotations.ModuleScope;
