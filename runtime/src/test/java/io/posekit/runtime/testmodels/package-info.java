/**
 * Stand-ins for the tf-models classes of MMPose's top-down heatmap pipeline, registered in scope
 * {@code mmpose} with MMPose's names and parameter names, so that the runtime registry can be
 * tested on configs and indexes the processor really generates.
 */
@ModuleScope("mmpose")
package io.posekit.runtime.testmodels;

import io.posekit.annotations.ModuleScope;
