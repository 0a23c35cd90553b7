/**
 * Keypoint codecs (MMPose's {@code KEYPOINT_CODECS}): keypoints in input-image space to training
 * targets, and predicted heatmaps back to keypoints. Pure Java on float arrays, single instance
 * per call as in MMPose's top-down codecs.
 */
@ModuleScope("mmpose")
package io.posekit.tfmodels.codecs;

import io.posekit.annotations.ModuleScope;
