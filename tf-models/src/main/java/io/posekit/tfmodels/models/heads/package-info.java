/** MMPose's {@code mmpose.models.heads} on TensorFlow Java graphs. */
@ModuleScope("mmpose")
package io.posekit.tfmodels.models.heads;

import io.posekit.annotations.ModuleScope;
