package io.posekit.runtime.testmodels;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;

/** Encodes keypoints into training targets and decodes predictions (MMPose's KEYPOINT_CODECS). */
@DeclareRegistry(Registries.KEYPOINT_CODECS)
public interface KeypointCodec {}
