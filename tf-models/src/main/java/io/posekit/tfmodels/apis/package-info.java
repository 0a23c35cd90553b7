/** MMPose's {@code mmpose.apis}: build a model with its weights and run it on an image. */
package io.posekit.tfmodels.apis;
