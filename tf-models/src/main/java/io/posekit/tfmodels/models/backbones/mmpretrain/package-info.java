/**
 * MMPretrain's backbones MMPose configs name as {@code mmpretrain.X}, registered in the
 * {@code mmpretrain} scope with MMPretrain's parameters.
 */
@ModuleScope("mmpretrain")
package io.posekit.tfmodels.models.backbones.mmpretrain;

import io.posekit.annotations.ModuleScope;
