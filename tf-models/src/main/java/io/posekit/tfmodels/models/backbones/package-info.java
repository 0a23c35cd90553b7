/** MMPose's {@code mmpose.models.backbones} on TensorFlow Java graphs. */
@ModuleScope("mmpose")
package io.posekit.tfmodels.models.backbones;

import io.posekit.annotations.ModuleScope;
