/** MMPose's necks: feature transforms between backbone and head (FeatureMapProcessor, GlobalAveragePooling). */
package io.posekit.tfmodels.models.necks;
