/** MMPose's {@code mmpose.models.losses} on TensorFlow Java graphs. */
@ModuleScope("mmpose")
package io.posekit.tfmodels.models.losses;

import io.posekit.annotations.ModuleScope;
