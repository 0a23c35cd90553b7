/**
 * MMClassification 1.x's backbones MMPose configs name as {@code mmcls.X}, registered in the
 * {@code mmcls} scope with MMClassification's parameters.
 */
@ModuleScope("mmcls")
package io.posekit.tfmodels.models.backbones.mmcls;

import io.posekit.annotations.ModuleScope;
