/** MMPose's {@code mmpose.models.pose_estimators} on TensorFlow Java graphs. */
@ModuleScope("mmpose")
package io.posekit.tfmodels.models.poseestimators;

import io.posekit.annotations.ModuleScope;
