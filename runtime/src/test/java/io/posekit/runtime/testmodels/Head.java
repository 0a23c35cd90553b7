package io.posekit.runtime.testmodels;

/** A pose head (MMPose's BaseHead): turns backbone features into keypoint predictions. */
public interface Head {}
