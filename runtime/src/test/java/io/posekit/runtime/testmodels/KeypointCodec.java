package io.posekit.runtime.testmodels;

/**
 * The codec kind the stand-in head and target generator take: tf-models' KeypointCodec (the base
 * type of KEYPOINT_CODECS), narrowed to the stand-ins of this scope.
 */
public interface KeypointCodec extends io.posekit.tfmodels.codecs.KeypointCodec {}
