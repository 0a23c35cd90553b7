/** MMPose's {@code mmpose.models.data_preprocessors} on TensorFlow Java graphs. */
@ModuleScope("mmpose")
package io.posekit.tfmodels.models.datapreprocessors;

import io.posekit.annotations.ModuleScope;
